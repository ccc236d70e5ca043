import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  addDays,
  AnalyticsRollupService,
  daysBetween,
  DERIVED_ROLLUPS,
  partitionName,
  rollupStatementSettings,
  utcDay,
} from '../src/modules/analytics/rollup/index.js';
import { buildFixtureEvents, insertFixtureEvents } from './fixtures/analytics-events.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { defined, firstRow } from '../src/common/assert/defined.js';

const NOW = new Date();
const TODAY = utcDay(NOW);
const DAYS = daysBetween(addDays(TODAY, -8), addDays(TODAY, -1));
const dayAt = (i: number): string => defined(DAYS.at(i), `DAYS.at(${i})`);
const HISTORY_TABLES = [
  'analytics_daily_session_days',
  'analytics_daily_chain_members',
  'analytics_daily_user_firsts',
];
const BRIN_TABLES = ['analytics_daily_session_days', 'analytics_daily_chain_members'];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * What the nightly job's statements do once days have been rolled up and re-rolled (the rows of a
 * re-rolled day deleted and written again, the BRIN-indexed tables no longer in day order): the
 * history lookups stay lookups by the table's key, a day's old rows are found through an index,
 * the job leaves no BRIN range unsummarised, and a partition drop gives way to a long reader
 * instead of queueing ingestion behind it.
 */
describe('analytics maintenance plans after re-rolls', () => {
  let t: TestApp;
  let client: pg.Client;
  let rollups: AnalyticsRollupService;

  beforeAll(async () => {
    t = await createTestApp({ ANALYTICS_RETENTION_DAYS: '7' });
    client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    await insertFixtureEvents(client, buildFixtureEvents(DAYS, 40));
    rollups = t.app.get(AnalyticsRollupService);
    // Three nights: every closed day, then the re-roll window twice more (oldest first, as the job does).
    await rollups.rollupRange(dayAt(0), dayAt(-1));
    for (let night = 0; night < 2; night++) await rollups.rollupRange(dayAt(-4), dayAt(-1));
    // Rows beyond the first BRIN ranges (128 pages each) as a long history has, of a month ago.
    const old = addDays(TODAY, -30);
    await client.query(
      `INSERT INTO analytics_daily_chain_members (day, metric, keys, member, prev_day)
       SELECT $1, 'filler', '{}', 'filler-' || g, NULL FROM generate_series(1, 40000) g`,
      [old],
    );
    await client.query(
      `INSERT INTO analytics_daily_session_days (day, session_id, prev_day, converted)
       SELECT $1, 'filler-' || g, NULL, false FROM generate_series(1, 40000) g`,
      [old],
    );
    const daily = await rollups.runDaily(NOW);
    expect(daily.ran && daily.result.failed).toEqual([]);
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  /** The plan of `statement` (parameter $1: `day`) as the rollup's writer plans it. */
  async function planOf(rollup: string, statement: string, day: string): Promise<PlanNode[]> {
    await client.query('BEGIN');
    try {
      for (const setting of rollupStatementSettings(rollup)) await client.query(setting);
      const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        `EXPLAIN (FORMAT JSON) ${statement}`,
        [day],
      );
      const [plan] = firstRow(rows, 'EXPLAIN')['QUERY PLAN'];
      return nodesOf(defined(plan, 'a plan in the EXPLAIN output').Plan);
    } finally {
      await client.query('ROLLBACK');
    }
  }

  for (const rollup of DERIVED_ROLLUPS.filter((r) => r.history)) {
    it(`${rollup.name}: reads the history tables through their indexes, never by a sequential scan`, async () => {
      const day = dayAt(-1);
      const nodes = await planOf(rollup.name, rollup.insert, day);
      const history = nodes.filter((n) => n['Relation Name'] && HISTORY_TABLES.includes(n['Relation Name']));
      expect(history.length).toBeGreaterThan(0);
      for (const node of history) expect(node['Node Type']).not.toBe('Seq Scan');
      // A lookup of a row's previous day (or first time) in its own table goes by the table's key.
      const lookups = history.filter(
        (n) => n['Relation Name'] === rollup.table && n['Node Type'] !== 'ModifyTable',
      );
      for (const node of lookups) {
        if (node['Node Type'] === 'Bitmap Heap Scan') continue; // the day's own rows (chain counts), by BRIN
        expect(['Index Scan', 'Index Only Scan']).toContain(node['Node Type']);
        expect(node['Index Name']).toBe(`${rollup.table}_pkey`);
      }
    });
  }

  for (const table of BRIN_TABLES) {
    it(`${table}: a re-roll finds the day's old rows through the day's BRIN index`, async () => {
      const rollup = DERIVED_ROLLUPS.find((r) => r.table === table)!;
      const nodes = await planOf(rollup.name, `DELETE FROM ${table} WHERE day = $1`, dayAt(-2));
      expect(nodes.map((n) => n['Node Type'])).not.toContain('Seq Scan');
      expect(nodes.find((n) => n['Node Type'] === 'Bitmap Index Scan')?.['Index Name']).toBe(
        `${table}_day_brin`,
      );
    });
  }

  it('leaves no BRIN range of the aggregates unsummarised', async () => {
    for (const table of BRIN_TABLES) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT brin_summarize_new_values($1::regclass) AS n`,
        [`${table}_day_brin`],
      );
      expect(rows.map((r) => Number(r.n))).toEqual([0]);
    }
  });

  it('gives way to a long reader while dropping partitions: ingestion does not queue behind the drop', async () => {
    // A report's transaction reading raw events holds its lock on analytics_events until it ends.
    const reader = new pg.Client({ connectionString: t.db.url });
    const writer = new pg.Client({ connectionString: t.db.url });
    await reader.connect();
    await writer.connect();
    try {
      await reader.query('BEGIN');
      // Two days' partitions (the default one pruned away): it holds the table, not the default partition.
      await reader.query(
        `SELECT count(*) FROM analytics_events WHERE "timestamp" >= $1 AND "timestamp" < $2`,
        [new Date(`${dayAt(2)}T00:00:00Z`), new Date(`${dayAt(4)}T00:00:00Z`)],
      );
      // Tomorrow a week from now: the days before the last 7 are past retention and sealed.
      const pruning = rollups.prune({ now: new Date(NOW.getTime() + 7 * 86_400_000) });
      await waitFor(async () => {
        const { rows } = await client.query(
          `SELECT 1 FROM pg_stat_activity WHERE query LIKE 'LOCK TABLE analytics_events_default%'`,
        );
        return rows.length > 0;
      });
      // While the reader still holds its lock, an event is written: the drop's attempts wait for
      // 50 ms at most and then leave the queue, so the INSERT gets through.
      await writer.query(
        `INSERT INTO analytics_events (id, session_id, event_type, page, "timestamp") VALUES ('during-prune', 's', 'we_page_load', '/', now())`,
      );
      const { rows: still } = await client.query(`SELECT to_regclass($1) AS t`, [partitionName(dayAt(1))]);
      expect(still[0].t).not.toBeNull();
      await reader.query('COMMIT');
      const outcome = await pruning;
      expect(outcome.ran && outcome.result.dropped).toEqual(expect.arrayContaining([dayAt(1)]));
      expect(outcome.ran && outcome.result.keptBusy).toEqual([]);
    } finally {
      await reader.end();
      await writer.end();
    }
  }, 60_000);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
