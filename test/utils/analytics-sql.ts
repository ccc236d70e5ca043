import { afterAll, beforeAll } from '@jest/globals';
import pg from 'pg';
import {
  LIVE_ROLLUPS,
  rollupVersion,
  RAW_EVENTS_TABLE,
  ROLLUPS,
  rollupsUntil,
  type Rollup,
} from '../../src/modules/analytics/rollup/index.js';
import { REPORT_SQL } from '../../src/modules/analytics/reports/report-sql-manifest.js';
import { reportStatements } from './report-sql-samples.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** One statement of the analytics SQL as it runs, with what the EXPLAIN test needs to plan it. */
export interface RenderedStatement {
  /** Heading in the snapshot: the rollup, the statement, the connection that runs it. */
  title: string;
  sql: string;
  /** Its parameters' values for EXPLAIN (the day), none for a statement with the day written in. */
  params: unknown[];
  /** The rollup whose writer settings it is planned with (rollupStatementSettings); none for a report's. */
  rollup?: string;
  /** Reads and writes the temporary tables of a report's live days (made before planning it). */
  live: boolean;
  /** A utility statement (SET, CREATE, ANALYZE): run (rolled back) instead of planned. */
  utility?: boolean;
}

/** The day the snapshot writes into the statements that take no parameters. */
export const SNAPSHOT_DAY = '2026-01-15';

/** The W of the snapshot's intraday refresh statements. */
const SNAPSHOT_UNTIL = new Date(`${SNAPSHOT_DAY}T13:34:00.000Z`);

function rollupStatements(rollup: Rollup, live: boolean, intraday = false): RenderedStatement[] {
  const on = live ? 'report reader, live day' : intraday ? 'writer, intraday refresh' : rollup.connection;
  const base = { rollup: rollup.name, live };
  if (!rollup.copy || live || intraday) {
    return [
      {
        ...base,
        title: `${rollup.name}: insert (${live || intraday ? on : 'writer'})`,
        sql: rollup.insert,
        params: [SNAPSHOT_DAY],
      },
      ...(rollup.copy?.then
        ? [{ ...base, title: `${rollup.name}: then (${on})`, sql: rollup.copy.then, params: [SNAPSHOT_DAY] }]
        : []),
    ];
  }
  return [
    {
      ...base,
      title: `${rollup.name}: select (snapshot-reader, COPY: the day written in)`,
      sql: rollup.copy.selectOf(SNAPSHOT_DAY),
      params: [],
    },
    ...(rollup.copy.then
      ? [{ ...base, title: `${rollup.name}: then (writer)`, sql: rollup.copy.then, params: [SNAPSHOT_DAY] }]
      : []),
  ];
}

/**
 * Every statement, in the order the snapshot lists them: the daily rollup in write order, the live
 * days' rollups, then the reports' (report-sql-samples.ts).
 */
export async function renderedStatements(): Promise<RenderedStatement[]> {
  return [
    ...ROLLUPS.flatMap((r) => rollupStatements(r, false)),
    // An intraday refresh runs the same rollups on the writer alone; only those of raw events differ.
    ...rollupsUntil(SNAPSHOT_UNTIL)
      .filter((r) => r.reads.includes(RAW_EVENTS_TABLE))
      .flatMap((r) => rollupStatements(r, false, true)),
    ...LIVE_ROLLUPS.filter((r) => !r.history).flatMap((r) => rollupStatements(r, true)),
    ...(await reportStatements()),
  ];
}

const describeRollup = (r: Rollup) =>
  `--   ${r.name}: writes ${r.table}; reads ${r.reads.join(', ')}; ${r.connection}${r.history ? '; reads earlier days of its own table' : ''}; version ${rollupVersion(r.name)}`;

const describeReportSql = ([name, e]: [string, (typeof REPORT_SQL)[keyof typeof REPORT_SQL]]) =>
  `--   ${name}: ${e.template.file.replace('src/modules/analytics/sql/', '')}; ${e.kind}; ${e.connection}`;

/** The snapshot file's text: the write order and manifests, then every statement as rendered. */
export async function renderedSnapshot(): Promise<string> {
  const header = [
    '-- The analytics SQL as it runs, rendered from src/modules/analytics/sql/ and its manifest',
    '-- (rollup/rollup-manifest.ts). Generated: do not edit. test/analytics-sql.e2e-spec.ts fails when',
    '-- it is stale; update it with',
    '--   UPDATE_SQL_SNAPSHOT=1 NODE_OPTIONS=--experimental-vm-modules npx jest test/analytics-sql.e2e-spec.ts',
    '-- and review its diff: every change of a query shows here.',
    '--',
    '-- The daily rollup, in write order:',
    ...ROLLUPS.map(describeRollup),
    '--',
    "-- The reports' SQL (reports/report-sql-manifest.ts): file; statement or fragment; connection:",
    ...Object.entries(REPORT_SQL).map(describeReportSql),
  ];
  const statements = (await renderedStatements()).map((s) => `-- ${s.title}\n${s.sql};\n`);
  return `${header.join('\n')}\n\n${statements.join('\n')}`;
}

/** A client of a database of the test file's own (cloned from the migrated template), for its tests. */
export function testDatabaseClient(): () => pg.Client {
  let db: TestDatabase | undefined;
  let client: pg.Client | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });
  return () => {
    if (!client) throw new Error('the test database is not open yet');
    return client;
  };
}
