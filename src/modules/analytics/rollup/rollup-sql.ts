import { renderSql, sqlFile, type SqlTemplate, type SqlValues } from '../sql/sql-template.js';
import {
  RAW_EVENTS_TABLE,
  ROLLUP_MANIFEST,
  type RollupConnection,
  type RollupManifest,
  type RollupStatement,
} from './rollup-manifest.js';
import { ROLLUP_VALUES } from './rollup-values.js';
import { sqlDate } from './utc-day.js';

/**
 * The daily rollups, rendered from their files and manifest (rollup-manifest.ts). Every statement
 * reads one UTC day only (`$1`, a date), so PostgreSQL reads that day's partition and nothing else.
 *
 * They run in one transaction per day, after deleting the day's previous rows: a re-run replaces
 * the day, and a crash leaves the previous version. About half of the work (sessions, UTM, pages,
 * events, content) is computed on a second, read-only connection that shares the transaction's
 * snapshot: these `snapshot-reader` rollups produce the table's rows there, which the writing
 * connection copies in (COPY on both sides, PostgreSQL's cheapest way out of a query and into a
 * table). Meanwhile the writing connection computes the per-user learning rows and derives the
 * reports' aggregates. PostgreSQL runs no INSERT … SELECT in parallel, so this is what puts a second
 * core to work (see `writeOrder`).
 *
 * Distinct counts are two-level GROUP BYs (the keys and the counted column first, then a count of
 * the non-null values) that PostgreSQL runs as hash aggregates, sometimes two over one scan with
 * GROUPING SETS; `count(DISTINCT …)` would sort the day's rows once per distinct count.
 */
export interface Rollup {
  name: string;
  /** The table it writes, as named in its statements (qualified for a temporary target). */
  table: string;
  /** Which connection computes its rows in the daily rollup. */
  connection: RollupConnection;
  group: RollupManifest['group'];
  /** Tables its statements read (raw events and/or other rollups' tables, not its own). */
  reads: readonly string[];
  /** Reads earlier days of its own table (see RollupManifest.history). */
  history?: true;
  /**
   * Writes the day's rows in one statement (`$1` is the day). For a `copy` rollup, it inserts the
   * reader's SELECT directly (what runs where there is no reader: the reports' live days).
   */
  insert: string;
  /**
   * Runs on the reader; its rows go into `columns`, then `then` (if any) completes them on the
   * writer, with what only the writer sees (`$1`: day). `select` has the parameter `$1`;
   * `selectOf(day)` is it for one day, the day written in (COPY takes no parameters).
   */
  copy?: { select: string; selectOf: (day: string) => string; columns: string[]; then?: string };
}

/**
 * Where the aggregates a rollup reads and writes are: `stored`, the app's tables (named as they
 * are: the connection's schema); `pg_temp`, temporary tables of the same names (a report's live
 * days). Raw events are always the app's.
 */
export type RollupTarget = 'stored' | 'pg_temp';

const AGGREGATE_TABLES = new Set(ROLLUP_MANIFEST.map((m) => m.table));

function relationsFor(target: RollupTarget): Map<string, string> {
  const relations = new Map([[RAW_EVENTS_TABLE, RAW_EVENTS_TABLE]]);
  for (const table of AGGREGATE_TABLES)
    relations.set(table, target === 'stored' ? table : `${target}.${table}`);
  return relations;
}

/** Renders a statement of `m`; checks that it names exactly what the manifest says it reads (and its own table). */
function renderStatement(
  m: RollupManifest,
  statement: RollupStatement,
  relations: Map<string, string>,
  params: Record<string, string>,
  values: SqlValues = {},
): string {
  const rendered = renderSql(statement.template, {
    relations,
    params,
    values: { ...ROLLUP_VALUES, ...statement.values, ...values },
  });
  const named = [...rendered.relations].filter((t) => t !== m.table).sort();
  const declared = [...new Set(statement.reads)].sort();
  if (named.join() !== declared.join())
    throw new Error(
      `${statement.template.file} reads ${named.join(', ') || 'nothing'}; its manifest (${m.name}) says ${declared.join(', ') || 'nothing'}`,
    );
  return rendered.sql;
}

/** The day's events up to `{{until}}`: the `{{day_range}}` of an intraday refresh. */
const DAY_RANGE_UNTIL = sqlFile('fragments/day-range-until.sql');
/** The day's events after `{{after}}`: the `{{day_range}}` of a provisional day's raw tail. */
const DAY_RANGE_AFTER = sqlFile('fragments/day-range-after.sql');

/** The parameters as bound (`$1`…) or, for a statement that takes none, written in. */
const bound = (m: RollupManifest) => Object.fromEntries(m.params.map((p, i) => [p, `$${i + 1}`]));

/**
 * Bounds on the raw events a rollup reads besides its day, as timestamptz literals: `until` (up to
 * it, included: today so far, as an intraday refresh rolls it up) or `after` (after it: the raw
 * tail of a provisional day, as a report computes it). Rollups that read no raw events render as
 * they are.
 */
export type EventBounds = { until: string } | { after: string };

export function renderRollup(m: RollupManifest, target: RollupTarget, bounds?: EventBounds): Rollup {
  const relations = relationsFor(target);
  const table = relations.get(m.table) ?? m.table;
  const upTo: Record<string, string> = bounds ?? {};
  const params: Record<string, string> = { ...bound(m), ...upTo };
  const values: SqlValues =
    bounds === undefined ? {} : { day_range: 'until' in bounds ? DAY_RANGE_UNTIL : DAY_RANGE_AFTER };
  const reads = [...new Set([...m.statement.reads, ...(m.then?.reads ?? [])].filter((t) => t !== m.table))];
  const base = {
    name: m.name,
    table,
    connection: m.connection,
    group: m.group,
    reads,
    ...(m.history && { history: m.history }),
  };
  if (m.connection === 'writer') {
    if (m.columns || m.then)
      throw new Error(`rollup ${m.name}: columns and then are for snapshot-reader rollups`);
    return { ...base, insert: renderStatement(m, m.statement, relations, params, values) };
  }
  if (!m.columns) throw new Error(`rollup ${m.name}: a snapshot-reader rollup lists its columns`);
  const columns = m.columns.join(', ');
  const selectWith = (day: string) =>
    `SELECT ${day}::date AS day, ${columns} FROM (${renderStatement(m, m.statement, relations, { day, ...upTo }, values)}) r`;
  const select = selectWith(params.day ?? '$1');
  return {
    ...base,
    insert: `INSERT INTO ${table} (day, ${columns}) ${select}`,
    copy: {
      select,
      selectOf: (day) => selectWith(sqlDate(day)),
      columns: ['day', ...m.columns],
      ...(m.then && { then: renderStatement(m, m.then, relations, params, values) }),
    },
  };
}

/**
 * The order the writer runs them in, derived from the manifest: each rollup after what it reads.
 * The rollups from raw events run in the manifest's order, the writer's own first (what it computes
 * while the reader works), then the reader's in the order the reader delivers them; after each,
 * every rollup that what is written so far makes ready runs, in the manifest's order.
 */
export function writeOrder(manifest: readonly RollupManifest[]): RollupManifest[] {
  const tables = new Set(manifest.map((m) => m.table));
  const readsOf = (m: RollupManifest) =>
    [...m.statement.reads, ...(m.then?.reads ?? [])].filter((t) => t !== m.table);
  for (const m of manifest)
    for (const t of readsOf(m))
      if (t !== RAW_EVENTS_TABLE && !tables.has(t))
        throw new Error(`rollup ${m.name} reads ${t}, which no rollup writes`);
  const fromRaw = (m: RollupManifest) => readsOf(m).includes(RAW_EVENTS_TABLE);
  const sources = [
    ...manifest.filter((m) => fromRaw(m) && m.connection === 'writer'),
    ...manifest.filter((m) => fromRaw(m) && m.connection !== 'writer'),
  ];
  const written = new Set<string>([RAW_EVENTS_TABLE]);
  const order: RollupManifest[] = [];
  const ready = (m: RollupManifest) => !order.includes(m) && readsOf(m).every((t) => written.has(t));
  while (order.length < manifest.length) {
    const next = manifest.find((m) => !fromRaw(m) && ready(m)) ?? sources.find(ready);
    if (!next) {
      const left = manifest.filter((m) => !order.includes(m)).map((m) => m.name);
      throw new Error(`rollups ${left.join(', ')} read each other (or what runs after them)`);
    }
    order.push(next);
    written.add(next.table);
  }
  return order;
}

const ORDERED = writeOrder(ROLLUP_MANIFEST);

/** The base aggregates from raw events and the reports' aggregates derived from them, in write order. */
export const ROLLUPS: Rollup[] = ORDERED.map((m) => renderRollup(m, 'stored'));

export const ROLLUP_NAMES = ROLLUPS.map((r) => r.name);

/**
 * The rollups of today so far, in write order: raw events up to `until` (included). Rendered per
 * refresh, as `until` is written in (COPY takes no parameters); a few milliseconds.
 */
export function rollupsUntil(until: Date): Rollup[] {
  return ORDERED.map((m) => renderRollup(m, 'stored', { until: timestamptz(until) }));
}

/**
 * The rollups of a provisional day's raw tail, as a report's live days run them (into the
 * temporary tables): raw events after `after` (its covers_until). Rendered per W (kept for the
 * last few: every report between two refreshes shares one W).
 */
export function tailRollups(after: Date): Rollup[] {
  const key = after.toISOString();
  let rollups = TAIL_ROLLUPS.get(key);
  if (!rollups) {
    rollups = ORDERED.map((m) => renderRollup(m, 'pg_temp', { after: timestamptz(after) }));
    if (TAIL_ROLLUPS.size >= 4) TAIL_ROLLUPS.delete(TAIL_ROLLUPS.keys().next().value ?? key);
    TAIL_ROLLUPS.set(key, rollups);
  }
  return rollups;
}

const TAIL_ROLLUPS = new Map<string, Rollup[]>();

function timestamptz(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new Error('not a time');
  return `'${at.toISOString()}'::timestamptz`;
}

/** The rollups as a report's live days run them: into temporary tables of the same names, in write order. */
export const LIVE_ROLLUPS: Rollup[] = ORDERED.map((m) => renderRollup(m, 'pg_temp'));

if (new Set(ROLLUP_NAMES).size !== ROLLUP_NAMES.length) throw new Error('two rollups have the same name');

/**
 * A fragment that reads the day's aggregates (`{{day}}` is `$1`), rendered for `target`: the
 * reports' live days read their temporary tables explicitly. Checks it names exactly `reads`.
 */
export function renderDayFragment(
  template: SqlTemplate | string,
  reads: readonly string[],
  target: RollupTarget,
  values: SqlValues = {},
): string {
  const rendered = renderSql(template, {
    relations: relationsFor(target),
    params: { day: '$1' },
    values: { ...ROLLUP_VALUES, ...values },
  });
  const named = [...rendered.relations].sort().join();
  if (named !== [...new Set(reads)].sort().join())
    throw new Error(`a fragment reads ${named}, not the ${reads.join(', ')} declared`);
  return rendered.sql;
}
