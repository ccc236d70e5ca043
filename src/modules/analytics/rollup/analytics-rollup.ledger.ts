import { Logger } from '@nestjs/common';
import type pg from 'pg';
import { describeErrorForLog } from '../../../common/errors/database-errors.js';
import { derivedRollup } from './derived-rollup-sql.js';
import { ROLLUP_NAMES, ROLLUPS, rollupsUntil, type Rollup } from './rollup-sql.js';
import { type ReaderOutput, SnapshotReader } from './snapshot-reader.js';
import { copyRowsIn } from './copy-rows.js';
import { readsRawEvents, ROLLUP_VERSIONS, rollupVersion, withDependents } from './rollup-graph.js';
import { firstRow } from '../../../common/assert/defined.js';

export interface RollupDayResult {
  day: string;
  sourceEvents: number;
  /** Rows written per aggregate table. */
  rows: Record<string, number>;
  ms: number;
  /** Milliseconds per rollup (where the time of a slow day goes). */
  msByRollup: Record<string, number>;
}

const logger = new Logger('AnalyticsRollupLedger');

/** How far behind the refresh's start a provisional day's W is (see refreshDay). */
export const PROVISIONAL_MARGIN = '60 seconds';

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
 * Planner switches turned off around the writer's statements of a rollup, the DELETE of the day's
 * old rows included. Most of them read rows of the day that this transaction has just written,
 * which no statistics describe yet (or only an empty table's): planning on a guess of a few rows,
 * PostgreSQL sorts them to group them (`enable_sort`: hundreds of thousands of rows want hash
 * aggregation), and for the history rollups, which look each row's previous day up in their own
 * table, it scans that table once per row (`enable_seqscan`: a 1M-event day then takes minutes
 * instead of seconds). Their lookups have the table's key, and no other B-tree leads with `day`;
 * this makes the key's index the only plan. The DELETE of a history table's day then goes through
 * its `day` BRIN index rather than reading every day ever rolled up (what stale statistics pick).
 */
const plannerSwitches = (name: string): string[] =>
  derivedRollup(name)?.history ? ['enable_sort', 'enable_seqscan'] : ['enable_sort'];

/** Every setting a rollup's writer statements run with (the e2e tests plan its statements with them). */
export const rollupStatementSettings = (name: string): string[] => [
  ...ROLLUP_SETTINGS,
  ...plannerSwitches(name).map((switchName) => `SET LOCAL ${switchName} = off`),
];

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
      const reader = await SnapshotReader.open(
        readerClient,
        firstRow(exported, 'pg_export_snapshot()').snapshot,
        ROLLUP_SETTINGS,
      );
      const reads = new Map<string, Promise<ReaderOutput>>();
      for (const rollup of ROLLUPS) {
        if (!rollup.copy) continue;
        const read = reader.copyOut(rollup.copy.selectOf(day));
        read.catch(() => undefined); // awaited below; a failure before that must not go unhandled
        reads.set(rollup.name, read);
      }
      for (const rollup of ROLLUPS) {
        const read = await reads.get(rollup.name);
        const at = Date.now();
        rows[rollup.name] = await this.replaceRows(rollup, day, read);
        msByRollup[rollup.name] = (read?.ms ?? 0) + Date.now() - at;
      }
      await reader.close();
      const sourceEvents = await this.recordDay(day, rows, null);
      await this.client.query('COMMIT');
      await this.summarizeDayIndexes();
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

  /**
   * An intraday refresh: rolls `day` (today) up *so far*, as a provisional day, in one transaction
   * that replaces the day's previous provisional rows. It covers the events with timestamps up to
   * W (`covers_until`), W = `until` if given, else the transaction's start less
   * `PROVISIONAL_MARGIN` (events reach the database within seconds of their timestamp: without the
   * margin, every one committed just after the snapshot would be missing for a whole interval), and
   * never past the day's end. Events after W, and those up to W committed after the snapshot (late
   * ones), count from the next refresh on. A day with a 'done' rollup is final: left alone
   * (`undefined`).
   *
   * Only this connection works: no snapshot reader. A refresh runs every few minutes while the app
   * takes traffic; on one core it leaves the others to ingestion and requests, and inserting each
   * SELECT directly costs less CPU than the reader's COPY out and in (it only takes longer).
   */
  async refreshDay(
    day: string,
    until?: Date,
  ): Promise<(RollupDayResult & { coversUntil: Date }) | undefined> {
    const started = Date.now();
    const rows: Record<string, number> = {};
    const msByRollup: Record<string, number> = {};
    try {
      await this.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      for (const setting of ROLLUP_SETTINGS) await this.client.query(setting);
      // Its commit need not wait for the disk: a crash that loses it leaves the previous provisional
      // rows and their ledger entries (one transaction), which the next refresh replaces anyway.
      await this.client.query('SET LOCAL synchronous_commit = off');
      const { rows: state } = await this.client.query<{ final: boolean; until: Date }>(
        `SELECT EXISTS (SELECT FROM analytics_rollup_ledger WHERE day = $1 AND status = 'done') AS final,
           least(coalesce($2::timestamptz, now() - $3::interval), ($1::date + 1)::timestamp AT TIME ZONE 'UTC') AS until`,
        [day, until?.toISOString() ?? null, PROVISIONAL_MARGIN],
      );
      const { final, until: coversUntil } = firstRow(state, "the day's ledger state");
      if (final) {
        await this.client.query('ROLLBACK');
        return undefined;
      }
      for (const rollup of rollupsUntil(coversUntil)) {
        const at = Date.now();
        rows[rollup.name] = await this.replaceRows(rollup, day);
        msByRollup[rollup.name] = Date.now() - at;
      }
      const sourceEvents = await this.recordDay(day, rows, coversUntil);
      await this.client.query('COMMIT');
      await this.summarizeDayIndexes();
      return { day, sourceEvents, rows, ms: Date.now() - started, msByRollup, coversUntil };
    } catch (error) {
      // The previous provisional rows stay, and so does their ledger entry: still true up to its W.
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Replaces the day's rows of one rollup (the reader's, when given); returns how many it wrote. */
  private async replaceRows(rollup: Rollup, day: string, read?: ReaderOutput): Promise<number> {
    const switches = plannerSwitches(rollup.name);
    for (const name of switches) await this.client.query(`SET LOCAL ${name} = off`);
    await this.client.query(`DELETE FROM ${rollup.table} WHERE day = $1`, [day]);
    const written =
      rollup.copy && read
        ? await copyRowsIn(this.client, rollup.table, rollup.copy.columns, read.rows)
        : ((await this.client.query(rollup.insert, [day])).rowCount ?? 0);
    // What only the writer sees completes the rows, however they came in.
    if (rollup.copy?.then) await this.client.query(rollup.copy.then, [day]);
    for (const name of switches) await this.client.query(`SET LOCAL ${name} = on`);
    return written;
  }

  /**
   * The day's ledger entries, in the day's transaction: 'done', or 'provisional' up to
   * `coversUntil`. Returns the day's event count (as rolled up).
   */
  private async recordDay(
    day: string,
    rows: Record<string, number>,
    coversUntil: Date | null,
  ): Promise<number> {
    const { rows: source } = await this.client.query<{ n: string }>(
      `SELECT coalesce(sum(events), 0) AS n FROM analytics_daily_events WHERE day = $1`,
      [day],
    );
    const sourceEvents = Number(firstRow(source, "the day's event count").n);
    await this.client.query(
      `INSERT INTO analytics_rollup_ledger (rollup, day, status, rows, source_events, started_at, finished_at, error, version, covers_until)
       SELECT name, $1, CASE WHEN $6::timestamptz IS NULL THEN 'done' ELSE 'provisional' END, n, $4, now(),
         clock_timestamp(), NULL, version, $6
       FROM unnest($2::text[], $3::int[], $5::text[]) AS t(name, n, version)
       ON CONFLICT (rollup, day) DO UPDATE SET status = excluded.status, rows = excluded.rows,
         source_events = excluded.source_events, started_at = excluded.started_at,
         finished_at = excluded.finished_at, error = NULL, version = excluded.version,
         covers_until = excluded.covers_until`,
      [
        day,
        Object.keys(rows),
        Object.values(rows),
        sourceEvents,
        Object.keys(rows).map(rollupVersion),
        coversUntil?.toISOString() ?? null,
      ],
    );
    return sourceEvents;
  }

  /**
   * Derives the named rollups (and those that read them) of one day again from the day's stored
   * aggregates, in one transaction: what a migration that adds or changes a derived aggregate
   * asks for by marking days 'pending', including days whose raw events are gone. The ledger keeps
   * the day's start time (a sealed day stays sealed); a rollup that needs raw events is refused.
   */
  async rebuildDerived(day: string, names: readonly string[]): Promise<RollupDayResult> {
    const started = Date.now();
    const rollups = withDependents(names);
    const raw = rollups.filter((r) => readsRawEvents(r.name)).map((r) => r.name);
    if (raw.length) throw new Error(`${raw.join(', ')} read raw events: roll ${day} up instead`);
    const rows: Record<string, number> = {};
    const msByRollup: Record<string, number> = {};
    try {
      await this.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      for (const setting of ROLLUP_SETTINGS) await this.client.query(setting);
      for (const rollup of rollups) {
        const at = Date.now();
        const switches = plannerSwitches(rollup.name);
        for (const name of switches) await this.client.query(`SET LOCAL ${name} = off`);
        await this.client.query(`DELETE FROM ${rollup.table} WHERE day = $1`, [day]);
        rows[rollup.name] = (await this.client.query(rollup.insert, [day])).rowCount ?? 0;
        for (const name of switches) await this.client.query(`SET LOCAL ${name} = on`);
        msByRollup[rollup.name] = Date.now() - at;
      }
      const { rows: ledger } = await this.client.query<{ source_events: string }>(
        `INSERT INTO analytics_rollup_ledger (rollup, day, status, rows, source_events, started_at, finished_at, error, version)
         SELECT name, $1, 'done', n, base.source_events, base.started_at, clock_timestamp(), NULL, version
         FROM unnest($2::text[], $3::int[], $4::text[]) AS t(name, n, version),
           (SELECT coalesce(max(source_events), 0) AS source_events, coalesce(min(started_at), now()) AS started_at
            FROM analytics_rollup_ledger WHERE day = $1 AND status <> 'failed') base
         ON CONFLICT (rollup, day) DO UPDATE SET status = 'done', rows = excluded.rows,
           finished_at = excluded.finished_at, error = NULL, version = excluded.version
         RETURNING source_events`,
        [day, Object.keys(rows), Object.values(rows), Object.keys(rows).map(rollupVersion)],
      );
      await this.client.query('COMMIT');
      await this.summarizeDayIndexes();
      const sourceEvents = Number(ledger[0]?.source_events ?? 0);
      return { day, sourceEvents, rows, ms: Date.now() - started, msByRollup };
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /**
   * Days with rollups to build again, oldest first, with those rollups: marked 'pending' (by a
   * migration), or derived ones (they need no raw events) written by an older definition. A base
   * rollup whose SQL changed applies from its next roll-up (the re-roll window, or
   * `analytics:rollup`): the raw events of older days may be gone.
   */
  async pendingDays(): Promise<{ day: string; rollups: string[] }[]> {
    const derived = [...ROLLUP_VERSIONS.keys()].filter((name) => !readsRawEvents(name));
    const { rows } = await this.client.query<{ day: string; rollups: string[] }>(
      `SELECT to_char(l.day, 'YYYY-MM-DD') AS day, array_agg(l.rollup ORDER BY l.rollup) AS rollups
       FROM analytics_rollup_ledger l
       LEFT JOIN unnest($1::text[], $2::text[]) AS v(name, version) ON v.name = l.rollup
       WHERE (l.status = 'pending' OR (l.status = 'done' AND l.version <> v.version))
         -- today so far: the next refresh writes it whole, with the current definitions
         AND NOT EXISTS (SELECT FROM analytics_rollup_ledger p WHERE p.day = l.day AND p.status = 'provisional')
       GROUP BY l.day ORDER BY l.day`,
      [derived, derived.map(rollupVersion)],
    );
    return rows;
  }

  /**
   * Summarises the BRIN ranges the day's rows went into. BRIN only knows the ranges it has
   * summarised: the others are read whole by every lookup of a day (the next re-roll's DELETE, the
   * reports' ranges). Only VACUUM summarises otherwise, and autovacuum comes to a table that grows
   * by a day's rows only after a fifth of its size has been inserted: weeks of unsummarised rows
   * once the history is large. This reads the new ranges only (milliseconds). Not part of the day's
   * transaction (it is committed); a failure leaves the ranges for the next day's call.
   */
  private async summarizeDayIndexes(): Promise<void> {
    await this.client
      .query(
        `SELECT brin_summarize_new_values(i.indexrelid) FROM pg_index i
         JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
         JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE am.amname = 'brin' AND n.nspname = current_schema() AND t.relname LIKE 'analytics\\_daily\\_%'`,
      )
      .catch((error: unknown) =>
        logger.warn(`BRIN summarising after a rollup failed: ${describeErrorForLog(error)}`),
      );
  }

  /** Days with provisional entries (today so far; before today only until the next rollup of it). */
  async provisionalDays(): Promise<string[]> {
    const { rows } = await this.client.query<{ day: string }>(
      `SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM analytics_rollup_ledger
       WHERE status = 'provisional' ORDER BY 1`,
    );
    return rows.map((r) => r.day);
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
         count(*) FILTER (WHERE status = 'failed')::int AS failed,
         count(*) FILTER (WHERE status = 'pending')::int AS pending,
         count(*) FILTER (WHERE status = 'provisional')::int AS provisional, max(covers_until) AS covers_until,
         max(source_events)::bigint AS source_events,
         sum(rows)::bigint AS aggregate_rows,
         round(extract(epoch FROM sum(finished_at - started_at)) * 1000)::bigint AS duration_ms,
         max(finished_at) AS last_finished_at, max(error) AS error
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
