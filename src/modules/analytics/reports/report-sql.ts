import { DEFAULT_PARTITION, RAW_EVENTS_TABLE, ROLLUP_MANIFEST } from '../rollup/index.js';
import { renderSql } from '../sql/sql-template.js';
import { REPORT_SQL, type ReportSqlEntry, type ReportSqlName, type Schema } from './report-sql-manifest.js';

/**
 * Renders the reports' statements and fragments (`sql/reports/`, `sql/live-day/`) from their
 * manifest (report-sql-manifest.ts), with the same renderer as the rollups. What the code fills in
 * is checked against the manifest: a relation the file names that its entry does not declare, a
 * value or parameter it does not list, fails, so the manifest stays what the file does.
 */

/** The stored aggregates: a live day's temporary tables have their names. */
const AGGREGATES = new Set(ROLLUP_MANIFEST.map((m) => m.table));

/** The live days' own temporary tables (no stored namesake). */
export const LIVE_MEMBERS = 'report_live_members';
export const LIVE_FIRSTS = 'report_live_firsts';
export const LIVE_SESSION_DAYS = 'report_live_session_days';
/** The sessions a provisional day's raw tail touches, stored and merged (tail-days.ts). */
export const TAIL_SESSIONS = 'report_tail_sessions';

/** A live day's temporary table, named `pg_temp.` explicitly. */
export const liveTable = (name: string): string => `pg_temp.${name}`;

/** How a relation a report file names by itself (`{{table}}`) is written: the schema made explicit. */
function reportRelation(name: string): string | undefined {
  if (AGGREGATES.has(name)) return `public.${name}`;
  if ([LIVE_MEMBERS, LIVE_FIRSTS, LIVE_SESSION_DAYS, TAIL_SESSIONS].includes(name)) return liveTable(name);
  // Never shadowed by a temporary table: named as they are, through the search path (as the rollups do).
  if ([RAW_EVENTS_TABLE, DEFAULT_PARTITION, 'analytics_rollup_ledger'].includes(name)) return name;
  return undefined;
}

export interface ReportSqlInput {
  /** Bound parameters: each name with its `$n`. */
  params?: Readonly<Record<string, string>>;
  /** Values: fragments the code rendered (from this manifest, or the rollups'), literals. */
  values?: Readonly<Record<string, string>>;
  /** Relation parameters: each name with the aggregate it stands for (qualified by the manifest's schema). */
  relations?: Readonly<Record<string, string>>;
}

const qualify = (schema: Schema, table: string) =>
  schema === 'public' ? `public.${table}` : `pg_temp.${table}`;

export function reportSql(name: ReportSqlName, input: ReportSqlInput = {}): string {
  const entry: ReportSqlEntry = REPORT_SQL[name];
  const file = entry.template.file;
  const declared = (kind: string, given: object, allowed: readonly string[]) => {
    for (const key of Object.keys(given))
      if (!allowed.includes(key)) throw new Error(`${file}: ${kind} ${key} is not in its manifest entry`);
  };
  declared('parameter', input.params ?? {}, entry.params ?? []);
  declared('value', input.values ?? {}, entry.values ?? []);
  declared('relation', input.relations ?? {}, Object.keys(entry.relationParams ?? {}));
  const relations = new Map<string, string>();
  for (const table of entry.reads ?? []) {
    const rendered = reportRelation(table);
    if (rendered === undefined) throw new Error(`${file}: reads ${table}, which is no known relation`);
    relations.set(table, rendered);
  }
  for (const [param, schema] of Object.entries(entry.relationParams ?? {})) {
    const table = input.relations?.[param];
    if (table === undefined) continue;
    if (!AGGREGATES.has(table)) throw new Error(`${file}: {{${param}}} must be an aggregate, not ${table}`);
    relations.set(param, qualify(schema, table));
  }
  const rendered = renderSql(entry.template, {
    relations,
    params: input.params ?? {},
    values: input.values ?? {},
  });
  const unused = [...relations.keys()].filter((r) => !rendered.relations.has(r));
  if (unused.length)
    throw new Error(`${file}: its manifest entry declares ${unused.join(', ')}, which it does not name`);
  return rendered.sql;
}

/** Several fragments as one relation (`a UNION ALL b …`): the probes of several days. */
export const unionAll = (fragments: readonly string[]): string => fragments.join(' UNION ALL ');
