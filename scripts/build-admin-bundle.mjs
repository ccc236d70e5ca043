#!/usr/bin/env node
// Builds the back office's frontend bundle (our React components for AdminJS) at build time, so the
// app never bundles or writes files at runtime. Usage: node scripts/build-admin-bundle.mjs [outDir]
// (default dist/admin-bundle). Writes components.bundle.js and manifest.json; skips the work when
// the manifest says the sources have not changed.
//
// Components are the files of src/modules/admin/components: `kebab-name.tsx` becomes `KebabName`,
// the same rule src/modules/admin/admin-components.ts registers them by; `_helpers.tsx` are only imported.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'src/modules/admin/components');
const outDir = resolve(process.argv[2] ?? join(root, 'dist/admin-bundle'));

const files = (await readdir(sourceDir)).filter((f) => f.endsWith('.tsx')).sort();
const components = files
  .filter((f) => !f.startsWith('_'))
  .map((f) => ({
    name: f.replace(/\.tsx$/, '').replace(/(^|-)(\w)/g, (_m, _d, c) => c.toUpperCase()),
    file: join(sourceDir, f),
  }));

const adminjsVersion = JSON.parse(
  await readFile(join(root, 'node_modules/adminjs/package.json'), 'utf8'),
).version;
const hash = createHash('sha256').update(adminjsVersion);
for (const f of files) hash.update(f).update(await readFile(join(sourceDir, f)));
const sourceHash = hash.digest('hex');

const manifestPath = join(outDir, 'manifest.json');
if (existsSync(manifestPath) && existsSync(join(outDir, 'components.bundle.js'))) {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  if (manifest.sourceHash === sourceHash) {
    console.log(`admin bundle: up to date in ${outDir}`);
    process.exit(0);
  }
}

const started = Date.now();
// AdminJS reads its bundler's folder and mode when it is first imported: set them before.
const work = `${outDir}.work-${process.pid}`;
process.env.ADMIN_JS_TMP_DIR = work;
process.env.NODE_ENV = 'production';
const { componentsBundler } = await import('adminjs/bundler');

// Our sources import each other as `./x.js` (NodeNext style); the files are `./x.tsx`.
const tsxForJs = {
  name: 'tsx-for-js',
  /**
   * @param {string} source
   * @param {string | undefined} importer
   */
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.') || !source.endsWith('.js')) return null;
    const candidate = resolve(dirname(importer), source.replace(/\.js$/, '.tsx'));
    if (existsSync(candidate)) return candidate;
    const ts = resolve(dirname(importer), source.replace(/\.js$/, '.ts'));
    return existsSync(ts) ? ts : null;
  },
};
componentsBundler.setInputOption('plugins', [tsxForJs, ...componentsBundler.inputOptions.plugins]);

const entry = [
  'AdminJS.UserComponents = {}',
  ...components.flatMap(({ name, file }) => [
    `import ${name} from ${JSON.stringify(file)}`,
    `AdminJS.UserComponents.${name} = ${name}`,
  ]),
].join('\n');
await mkdir(work, { recursive: true });
try {
  await componentsBundler.createEntry({ dir: work, content: entry });
  await componentsBundler.build();
  await mkdir(outDir, { recursive: true });
  await rename(join(work, 'bundle.js'), join(outDir, 'components.bundle.js'));
  const manifest = {
    components: components.map((c) => c.name),
    sourceHash,
    adminjsVersion,
    builtAt: new Date().toISOString(),
  };
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
console.log(
  `admin bundle: ${components.length} components → ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
