import type pg from 'pg';
import { derivedRollup } from './derived-rollup-sql.js';
import { ROLLUP_NAMES, ROLLUPS } from './rollup-sql.js';
import { type ReaderOutput, SnapshotReader } from './snapshot-reader.js';
import { sqlDate } from './utc-day.js';
import { copyRowsIn } from './copy-rows.js';

export interface RollupDayResult {
  day: string;
  sourceEvents: number;
  /** Rows written per aggregate table. */
  rows: Record<string, number>;
  ms: number;
  /** Milliseconds per rollup (where the time of a slow day goes). */
  msByRollup: Record<string, number>;
}

/**
 * Both connections of a rollup: sorts and hashes of a 1M-event day stay in memory (two connections
 * at a few hundred MB each, on a machine with GBs); JIT compilation costs more than it saves here;
 * each connection works on one core, which parallel workers would only contend for.
 */
const ROLLUP_SETTINGS = [
  `SET LOCAL work_mem = '256MB'`,
  'SET LOCAL jit = off',
  'SET LOCAL max_parallel_workers_per_gather = 0',
];

/**
 * Planner switches turned off around the writer's statements. Most of them read rows of the day
 * that this transaction has just written, which no statistics describe yet (or only an empty
 * table's): planning on a guess of a few rows, PostgreSQL sorts them to group them
 * (`enable_sort`: hundreds of thousands of rows want hash aggregation), and for the history
 * rollups, which look each row's previous day up in their own table, it scans that table once per
 * row (`enable_seqscan`: a 1M-event day then takes minutes instead of seconds). Their lookups have
 * the table's key, and no other B-tree leads with `day`; this makes the key's index the only plan.
 */
const plannerSwitches = (name: string): string[] =>
  derivedRollup(name)?.history ? ['enable_sort', 'enable_seqscan'] : ['enable_sort'];

/**
 * Rolls days up and keeps `analytics_rollup_ledger`. A day is *sealed* when every rollup of it is
 * 'done' and started `sealAfterDays` days or more after the day ended: no late event can reach it
 * any more (client timestamps are at most 72 h late, and `sealAfterDays` ≥ 3 is enforced by the
 * config), so it is not rolled up again and its raw events may be dropped.
 */
export class AnalyticsRollupLedger {
  /** `connect` opens the second, read-only connection of a rollup (see rollup-sql.ts). */
  constructor(
    private readonly client: pg.Client,
    private readonly sealAfterDays: number,
    private readonly connect: () => Promise<pg.Client>,
  ) {}

  /**
   * One transaction: the day's old aggregate rows are replaced and the ledger updated together, so
   * a re-run is idempotent and a crash (or a killed connection) leaves the previous version. One
   * snapshot (REPEATABLE READ) for all statements, so the tables agree with each other: the reader,
   * which computes the small aggregates meanwhile, imports it and writes nothing.
   */
  async rollupDay(day: string): Promise<RollupDayResult> {
    const started = Date.now();
    const rows: Record<string, number> = {};
    const msByRollup: Record<string, number> = {};
    let readerClient: pg.Client | undefined;
    try {
      await this.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      for (const setting of ROLLUP_SETTINGS) await this.client.query(setting);
      const { rows: exported } = await this.client.query<{ snapshot: string }>(
        'SELECT pg_export_snapshot() AS snapshot',
      );
      readerClient = await this.connect();
      const reader = await SnapshotReader.open(readerClient, exported[0].snapshot, ROLLUP_SETTINGS);
      const reads = new Map<string, Promise<ReaderOutput>>();
      for (const rollup of ROLLUPS) {
        if (!rollup.copy) continue;
        const read = reader.copyOut(rollup.copy.select.replace(/\$1(?!\d)/g, sqlDate(day)));
        read.catch(() => undefined); // awaited below; a failure before that must not go unhandled
        reads.set(rollup.name, read);
      }
      for (const rollup of ROLLUPS) {
        const read = await reads.get(rollup.name);
        const at = Date.now();
        await this.client.query(`DELETE FROM ${rollup.table} WHERE day = $1`, [day]);
        const switches = plannerSwitches(rollup.name);
        for (const name of switches) await this.client.query(`SET LOCAL ${name} = off`);
        if (rollup.copy && read) {
          rows[rollup.name] = await copyRowsIn(this.client, rollup.table, rollup.copy.columns, read.rows);
          if (rollup.copy.then) await this.client.query(rollup.copy.then, [day]);
        } else rows[rollup.name] = (await this.client.query(rollup.insert, [day])).rowCount ?? 0;
        for (const name of switches) await this.client.query(`SET LOCAL ${name} = on`);
        msByRollup[rollup.name] = (read?.ms ?? 0) + Date.now() - at;
      }
      await reader.close();
      const { rows: source } = await this.client.query<{ n: string }>(
        `SELECT coalesce(sum(events), 0) AS n FROM analytics_daily_events WHERE day = $1`,
        [day],
      );
      const sourceEvents = Number(source[0].n);
      await this.client.query(
        `INSERT INTO analytics_rollup_ledger (rollup, day, status, rows, source_events, started_at, finished_at, error)
         SELECT name, $1, 'done', n, $4, now(), clock_timestamp(), NULL
         FROM unnest($2::text[], $3::int[]) AS t(name, n)
         ON CONFLICT (rollup, day) DO UPDATE SET status = 'done', rows = excluded.rows,
           source_events = excluded.source_events, started_at = excluded.started_at,
           finished_at = excluded.finished_at, error = NULL`,
        [day, Object.keys(rows), Object.values(rows), sourceEvents],
      );
      await this.client.query('COMMIT');
      return { day, sourceEvents, rows, ms: Date.now() - started, msByRollup };
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      await this.recordFailure(day, error).catch(() => undefined);
      throw error;
    } finally {
      // After a failure the reader may still be busy: drop its connection rather than wait for it.
      await readerClient?.end().catch(() => undefined);
    }
  }

  /** Days whose every rollup is done and final. */
  async sealedDays(): Promise<string[]> {
    const { rows } = await this.client.query<{ day: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM analytics_rollup_ledger
       WHERE rollup = ANY($1) AND status = 'done'
         AND started_at >= (day + 1 + $2::int)::timestamp AT TIME ZONE 'UTC'
       GROUP BY day HAVING count(*) = $3`,
      [ROLLUP_NAMES, this.sealAfterDays, ROLLUP_NAMES.length],
    );
    return rows.map((r) => r.day);
  }

  async summary(): Promise<Record<string, unknown>[]> {
    const { rows } = await this.client.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*) FILTER (WHERE status = 'done')::int AS done,
         count(*) FILTER (WHERE status = 'failed')::int AS failed, max(source_events)::bigint AS source_events,
         sum(rows)::bigint AS aggregate_rows, max(finished_at) AS last_finished_at, max(error) AS error
       FROM analytics_rollup_ledger GROUP BY day ORDER BY day`,
    );
    return rows;
  }

  /** A failed attempt marks the day so retention keeps its raw events; its old aggregates stay. */
  private async recordFailure(day: string, error: unknown): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    await this.client.query(
      `INSERT INTO analytics_rollup_ledger (rollup, day, status, rows, source_events, started_at, finished_at, error)
       SELECT name, $1, 'failed', 0, 0, now(), clock_timestamp(), $3 FROM unnest($2::text[]) AS name
       ON CONFLICT (rollup, day) DO UPDATE SET status = 'failed', finished_at = excluded.finished_at, error = excluded.error`,
      [day, ROLLUP_NAMES, message],
    );
  }
}
