// Local ESLint rule: a module is used from outside only through its `index.ts` (STYLE.md, Boundaries).
// `no-restricted-imports` matches the import text, not the file it names: `../users/x.js` is another
// module from `src/modules/access/a.ts` but a subfolder from `src/modules/access/sub/a.ts`, and a
// pattern cannot say "b ≠ a". So this rule resolves each relative import against the importing file.
import path from 'node:path';

/** The repository root: paths below are relative to it, wherever ESLint is started from. */
const ROOT = path.resolve(import.meta.dirname, '..');
const MODULE_PATH = /^src\/modules\/([^/]+)\/(.+)$/;
/** The modules, and what assembles or drives them: the app root, the seeders, the CLI, main. */
const ABOVE_INFRA = /^src\/(modules|app|seeders|cli)\/|^src\/(app\.module|main)\.js$/;

/** `a.entity.js`, or anything under an `entities/` folder (analytics' `entities/index.ts` lists its own). */
function isEntity(inModule) {
  return /\.entity\.js$/.test(inModule) || /(^|\/)entities\//.test(inModule);
}

/**
 * Modules made of subsystems, each a folder with its own `index.ts`: the rest of the module uses a
 * subsystem through that index only, as other modules use the module through its own.
 */
const SUBSYSTEMS = { analytics: ['ingestion', 'rollup', 'reports'] };

/** Within a module: a file outside one of its subsystems imports that subsystem through its index. */
function checkSubsystem(context, node, fromInModule, module, inModule) {
  const subsystem = (SUBSYSTEMS[module] ?? []).find((s) => inModule.startsWith(`${s}/`));
  if (!subsystem || fromInModule.startsWith(`${subsystem}/`)) return;
  if (inModule === `${subsystem}/index.js`) return;
  context.report({
    node: node.source,
    messageId: 'subsystemIndex',
    data: { subsystem: `${module}/${subsystem}`, to: `src/modules/${module}/${inModule}` },
  });
}

function check(context, root, node) {
  const spec = node.source?.value;
  if (typeof spec !== 'string' || !spec.startsWith('.')) return;
  const from = path.relative(root, context.filename).split(path.sep).join('/');
  const to = path
    .relative(root, path.resolve(path.dirname(context.filename), spec))
    .split(path.sep)
    .join('/');
  // Cross-cutting code sits below the modules: it must work without any of them, and without the
  // app root that assembles them.
  if (/^src\/(infra|common)\//.test(from) && ABOVE_INFRA.test(to)) {
    context.report({ node: node.source, messageId: 'belowModules', data: { from: from.split('/')[1], to } });
    return;
  }
  const target = MODULE_PATH.exec(to);
  if (!target) return;
  const [, targetModule, inModule] = target;
  const source = MODULE_PATH.exec(from);
  if (source?.[1] === targetModule) {
    checkSubsystem(context, node, source[2], targetModule, inModule);
    return;
  }
  // The back office administers every table (AdminJS resources are entity classes) and every module.
  if (source?.[1] === 'admin') return;
  if (inModule === 'index.js') return;
  // A relation (`ManyToOne(() => User)`) needs the other module's entity class: fine between entities.
  // Outside the modules (the app root's entity registry, the seeders) entities are fine too.
  if (isEntity(inModule) && (!source || /\.entity\.ts$/.test(from))) return;
  context.report({ node: node.source, messageId: 'throughIndex', data: { module: targetModule, to } });
}

const rule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Other modules only through their index.ts; infra/ and common/ never import modules',
    },
    schema: [],
    messages: {
      throughIndex:
        "Import from another module through its index: '{{to}}' is inside module '{{module}}' (export what is needed from src/modules/{{module}}/index.ts).",
      subsystemIndex:
        "Import from another subsystem through its index: '{{to}}' is inside 'src/modules/{{subsystem}}/' (export what is needed from its index.ts).",
      belowModules:
        "src/{{from}}/ must not import '{{to}}' (a module, or what assembles them): wire it at the app root (src/app/).",
    },
  },
  create(context) {
    const visit = (node) => check(context, ROOT, node);
    return {
      ImportDeclaration: visit,
      ExportNamedDeclaration: visit,
      ExportAllDeclaration: visit,
      ImportExpression: visit,
    };
  },
};

export default { rules: { 'module-boundaries': rule } };
