import { readFileSync } from 'node:fs';

/**
 * The analytics statements as `.sql` files (this folder: `rollups/`, `chains/`, `fragments/`), read
 * once when the module loads: the rollup manifest (rollup/rollup-manifest.ts) keeps what it reads.
 * The build copies them next to the compiled code (scripts/copy-sql.mjs), so `dist/` runs them too.
 *
 * A file is a template: `{{name}}` is a placeholder, rendered by `renderSql` as
 * - a relation the statement reads or writes (declared in its manifest entry): its name, qualified by
 *   the schema the statement targets (the stored aggregates, or a report's live days in `pg_temp`);
 * - a parameter (`day`): `$1`, or the value itself where the statement runs without parameters (COPY);
 * - a value: a fragment file, or a constant of the code (the milestones, the duration buckets…).
 * Anything else fails. The file's opening comment (`--` lines) documents it and is not rendered.
 */
const DIR = new URL('./', import.meta.url);

export interface SqlTemplate {
  /** The file, from the repository root (for messages and the rendered snapshot). */
  readonly file: string;
  /** The statement's text, opening comment removed. */
  readonly text: string;
}

export function sqlFile(path: string): SqlTemplate {
  const source = readFileSync(new URL(path, DIR), 'utf8');
  const text = source.replace(/^(--[^\n]*\n)*\n*/, '').replace(/\n$/, '');
  if (!text.trim()) throw new Error(`src/modules/analytics/sql/${path} holds no statement`);
  return { file: `src/modules/analytics/sql/${path}`, text };
}

/** What the placeholders that are not relations stand for: text inserted as it is, or a fragment. */
export type SqlValues = Readonly<Record<string, string | SqlTemplate>>;

export interface SqlRender {
  /** The relations the statement may name, each with the text it renders as. */
  relations: ReadonlyMap<string, string>;
  /** Each parameter with the text it renders as (`$1`, or a literal). */
  params: Readonly<Record<string, string>>;
  values?: SqlValues;
}

export interface RenderedSql {
  sql: string;
  /** The relations it names (its fragments' included). */
  relations: Set<string>;
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

export function renderSql(template: SqlTemplate | string, render: SqlRender): RenderedSql {
  const relations = new Set<string>();
  const file = typeof template === 'string' ? 'an inline template' : template.file;
  const expand = (text: string, depth: number): string =>
    text.replace(PLACEHOLDER, (_, name: string) => {
      const param = render.params[name];
      if (param !== undefined) return param;
      const relation = render.relations.get(name);
      if (relation !== undefined) {
        relations.add(name);
        return relation;
      }
      const value = render.values?.[name];
      if (value === undefined)
        throw new Error(`${file}: {{${name}}} is no relation, parameter or value of it`);
      if (depth > 8) throw new Error(`${file}: {{${name}}} nests too deep`);
      return expand(typeof value === 'string' ? value : value.text, depth + 1);
    });
  return { sql: expand(typeof template === 'string' ? template : template.text, 0), relations };
}
