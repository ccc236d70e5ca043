import { MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import { openClient } from '../../../infra/database/pools.js';
import { runExclusive, runExclusiveAfterOthers } from '../../../infra/jobs/exclusive-job.js';
import { AnalyticsRollupLedger, type RollupDayResult } from './analytics-rollup.ledger.js';
import { readsRawEvents } from './rollup-graph.js';
import {
  daysInDefaultPartition,
  dropPartitions,
  ensurePartitions,
  listPartitions,
} from './event-partitions.js';
import { addDays, daysBetween, utcDay } from './utc-day.js';
import { describeErrorForLog } from '../../../common/errors/database-errors.js';
import { firstRow } from '../../../common/assert/defined.js';

/** One lock for everything that changes partitions or aggregates: one instance works at a time. */
export const ANALYTICS_LOCK = 'analytics:maintenance';
/** Held by the instance running the nightly run, while it waits for ANALYTICS_LOCK too. */
const NIGHTLY_LOCK = 'analytics:nightly';
/**
 * The nightly run waits this long for the lock (an intraday refresh, an operator's rollup) rather
 * than skip a night: an intraday refresh of a 1M-event today takes seconds.
 */
const NIGHTLY_WAIT_MS = 15 * 60_000;
/** Client ids are remembered this long for deduplication (more than the 72 h accepted lateness). */
const DEDUP_RETENTION = '7 days';
/**
 * Dropping partitions stalls ingestion for as long as it waits for its locks (see dropPartitions):
 * at most 50 ms an attempt, then a pause of 0.2–0.4 s, for up to about a minute.
 */
const DROP_OPTIONS = { lockTimeoutMs: 50, attempts: 200, pauseMs: 200 };

export type Exclusive<T> = { ran: true; result: T } | { ran: false };

export interface PruneReport {
  dryRun: boolean;
  /** Days whose raw events were dropped (or would be, on a dry run). */
  dropped: string[];
  bytesFreed: number;
  /** Days past retention kept because their rollups are missing, failed or not final yet. */
  keptUnsealed: string[];
  /** Days past retention kept because the table stayed busy (a long reader): dropped on a later run. */
  keptBusy: string[];
}

export interface IntradayReport {
  /** Earlier provisional days rolled up to their end first, as final days (the first round after midnight). */
  finalised: RollupDayResult[];
  /** Today so far, up to `coversUntil`; undefined when today is already final (a 'done' rollup). */
  refreshed?: RollupDayResult & { coversUntil: Date };
}

export interface DailyRunReport {
  partitionsCreated: string[];
  rolledUp: RollupDayResult[];
  /** Days whose 'pending' derived aggregates were derived again (see rebuildPending). */
  rebuilt: RollupDayResult[];
  failed: { day: string; error: string }[];
  pruned: PruneReport;
  dedupIdsDeleted: number;
}

/**
 * The analytics pipeline's maintenance: day partitions, daily rollups, retention. The scheduled job
 * and the operators' CLI call the same methods, each under one PostgreSQL advisory lock. SQL runs
 * on a connection of its own (pg, `$n` parameters: the rollups are plain SQL, not ORM queries).
 */
@Injectable()
export class AnalyticsRollupService {
  private readonly logger = new Logger(AnalyticsRollupService.name);

  constructor(
    @Inject(MikroORM) private readonly orm: MikroORM,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The daily job: partitions ahead, every closed day not yet final rolled up (catch-up after
   * downtime, and the last `rerollDays` days again so late events count), then retention.
   */
  runDaily(now = new Date()): Promise<Exclusive<DailyRunReport>> {
    return this.exclusive((client) => this.runDailyWith(client, now));
  }

  /**
   * `runDaily` as the schedule runs it: on one instance (another's run: skipped), after an intraday
   * refresh or an operator's rollup that holds the lock (waits up to 15 minutes, then fails).
   */
  runNightly(now = new Date()): Promise<Exclusive<DailyRunReport>> {
    return runExclusiveAfterOthers(
      this.orm,
      { onceLock: NIGHTLY_LOCK, sharedLock: ANALYTICS_LOCK, waitMs: NIGHTLY_WAIT_MS },
      () => this.withClient((client) => this.runDailyWith(client, now)),
    );
  }

  /**
   * The intraday refresh (`ANALYTICS_INTRADAY_MINUTES`): today so far as a provisional day (see
   * AnalyticsRollupLedger.refreshDay), up to `until` if given (operators, tests, benches), else
   * up to a minute before now. Skipped (`ran: false`) while anything else holds the lock: the next
   * round comes minutes later. A provisional day before today (the first round after midnight, if
   * the nightly run has not come yet) is rolled up to its end first, as a final day: today's rows
   * that look back a day (a session's previous day, first milestones) then see the whole of it.
   */
  async refreshToday(options: { now?: Date; until?: Date } = {}): Promise<Exclusive<IntradayReport>> {
    const today = utcDay(options.now ?? new Date());
    if (options.until && utcDay(options.until) !== today)
      throw new Error(`a refresh covers today (${today}) so far, not ${options.until.toISOString()}`);
    return this.exclusive(async (client) => {
      const ledger = this.ledger(client);
      const finalised: RollupDayResult[] = [];
      for (const day of await ledger.provisionalDays())
        if (day < today) finalised.push(await ledger.rollupDay(day));
      const refreshed = await ledger.refreshDay(today, options.until);
      return { finalised, ...(refreshed && { refreshed }) };
    });
  }

  private async runDailyWith(client: pg.Client, now: Date): Promise<DailyRunReport> {
    const partitionsCreated = await this.maintainPartitions(client, now);
    const ledger = this.ledger(client);
    const today = utcDay(now);
    const closedDays = (await listPartitions(client)).map((p) => p.day).filter((day) => day < today);
    const sealed = new Set(await ledger.sealedDays());
    const rolledUp: RollupDayResult[] = [];
    const failed: DailyRunReport['failed'] = [];
    for (const day of closedDays.filter((d) => !sealed.has(d))) {
      try {
        rolledUp.push(await ledger.rollupDay(day));
      } catch (error) {
        failed.push({ day, error: describeErrorForLog(error) });
      }
    }
    const pending = await this.rebuildPendingWith(
      ledger,
      new Set((await listPartitions(client)).map((p) => p.day)),
    );
    failed.push(...pending.failed);
    const pruned = await this.pruneWith(client, now, false);
    const dedup = await client.query(
      `DELETE FROM analytics_event_ids WHERE received_at < now() - interval '${DEDUP_RETENTION}'`,
    );
    for (const f of failed) this.logger.error(`rollup of ${f.day} failed: ${f.error}`);
    return {
      partitionsCreated,
      rolledUp,
      rebuilt: pending.rebuilt,
      failed,
      pruned,
      dedupIdsDeleted: dedup.rowCount ?? 0,
    };
  }

  /**
   * Rolls up every day from `from` to `to` (operators: re-roll after a fix), whatever the ledger
   * says. Today, not over yet, is refreshed as a provisional day (a final one would hide the rest of
   * the day from the reports); days after today have nothing to roll up and are refused.
   */
  async rollupRange(from: string, to: string, now = new Date()): Promise<Exclusive<RollupDayResult[]>> {
    const today = utcDay(now);
    if (to > today) throw new Error(`${to} has not begun: roll up days up to today (${today})`);
    return this.exclusive(async (client) => {
      const ledger = this.ledger(client);
      const results: RollupDayResult[] = [];
      for (const day of daysBetween(from, to)) {
        if (day < today) results.push(await ledger.rollupDay(day));
        else {
          const refreshed = await ledger.refreshDay(day);
          if (refreshed) results.push(refreshed);
        }
      }
      return results;
    });
  }

  /**
   * Builds what migrations marked 'pending' in the ledger (a new or changed derived aggregate, for
   * the days already rolled up), oldest first: derived from the day's stored aggregates, or, when
   * a pending rollup reads raw events, by rolling the day up again while its raw events exist.
   * The daily job runs it after rolling up; `npm run analytics:rebuild` runs it now.
   */
  rebuildPending(): Promise<Exclusive<{ rebuilt: RollupDayResult[]; failed: DailyRunReport['failed'] }>> {
    return this.exclusive(async (client) =>
      this.rebuildPendingWith(this.ledger(client), new Set((await listPartitions(client)).map((p) => p.day))),
    );
  }

  private async rebuildPendingWith(
    ledger: AnalyticsRollupLedger,
    rawDays: Set<string>,
  ): Promise<{ rebuilt: RollupDayResult[]; failed: DailyRunReport['failed'] }> {
    const rebuilt: RollupDayResult[] = [];
    const failed: DailyRunReport['failed'] = [];
    for (const { day, rollups } of await ledger.pendingDays()) {
      try {
        if (!rollups.some(readsRawEvents)) rebuilt.push(await ledger.rebuildDerived(day, rollups));
        else if (rawDays.has(day)) rebuilt.push(await ledger.rollupDay(day));
        else throw new Error(`${rollups.join(', ')} need raw events, and ${day}'s are gone`);
      } catch (error) {
        failed.push({ day, error: describeErrorForLog(error) });
      }
    }
    return { rebuilt, failed };
  }

  prune(options: { dryRun?: boolean; now?: Date } = {}): Promise<Exclusive<PruneReport>> {
    return this.exclusive((client) =>
      this.pruneWith(client, options.now ?? new Date(), options.dryRun ?? false),
    );
  }

  /** Creates today's and the next days' partitions; moves stray rows out of the default partition. */
  ensurePartitions(now = new Date()): Promise<Exclusive<string[]>> {
    return this.exclusive((client) => this.maintainPartitions(client, now));
  }

  /** Ledger, partitions and sizes, for operators. */
  async status(): Promise<Record<string, unknown>> {
    return this.withClient(async (client) => {
      const ledger = this.ledger(client);
      const partitions = await listPartitions(client);
      const { rows: defaultRows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM analytics_events_default`,
      );
      const { rows: tables } = await client.query<{ table: string; bytes: string }>(
        `SELECT relname AS table, pg_total_relation_size(oid) AS bytes FROM pg_class
         WHERE relkind IN ('r', 'p') AND relname LIKE 'analytics\\_%' AND NOT relispartition ORDER BY relname`,
      );
      return {
        retentionDays: this.config.analytics.retentionDays,
        rerollDays: this.config.analytics.rerollDays,
        ledger: await ledger.summary(),
        partitions,
        defaultPartitionRows: Number(firstRow(defaultRows, 'the default partition count').n),
        tables: tables.map((t) => ({ table: t.table, bytes: Number(t.bytes) })),
      };
    });
  }

  private async maintainPartitions(client: pg.Client, now: Date): Promise<string[]> {
    const today = utcDay(now);
    const ahead = daysBetween(today, addDays(today, this.config.analytics.partitionDaysAhead));
    const stray = await daysInDefaultPartition(client);
    return ensurePartitions(client, [...new Set([...stray, ...ahead])].sort());
  }

  private async pruneWith(client: pg.Client, now: Date, dryRun: boolean): Promise<PruneReport> {
    const cutoff = addDays(utcDay(now), -this.config.analytics.retentionDays);
    const ledger = this.ledger(client);
    const sealed = new Set(await ledger.sealedDays());
    const old = (await listPartitions(client)).filter((p) => p.day < cutoff);
    const report: PruneReport = { dryRun, dropped: [], bytesFreed: 0, keptUnsealed: [], keptBusy: [] };
    const droppable = old.filter((p) => sealed.has(p.day));
    report.keptUnsealed = old.filter((p) => !sealed.has(p.day)).map((p) => p.day);
    if (
      dryRun ||
      (await dropPartitions(
        client,
        droppable.map((p) => p.day),
        DROP_OPTIONS,
      ))
    ) {
      report.dropped = droppable.map((p) => p.day);
      report.bytesFreed = droppable.reduce((sum, p) => sum + p.bytes, 0);
    } else report.keptBusy = droppable.map((p) => p.day);
    if (report.keptUnsealed.length > 0) {
      this.logger.warn(
        `kept raw events of ${report.keptUnsealed.join(', ')}: past retention but not finally rolled up`,
      );
    }
    if (report.keptBusy.length > 0) {
      this.logger.warn(
        `kept raw events of ${report.keptBusy.join(', ')}: analytics_events stayed in use; dropped on a later run`,
      );
    }
    return report;
  }

  private async exclusive<T>(work: (client: pg.Client) => Promise<T>): Promise<Exclusive<T>> {
    return runExclusive(this.orm, ANALYTICS_LOCK, () => this.withClient(work));
  }

  private ledger(client: pg.Client): AnalyticsRollupLedger {
    return new AnalyticsRollupLedger(client, this.config.analytics.rerollDays, () => this.connect());
  }

  private async withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = await this.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  private async connect(): Promise<pg.Client> {
    // A connection killed mid-run (failover, pg_terminate_backend) fails the running query; without
    // a listener its 'error' event would also crash the process.
    const client = openClient('rollup', this.orm.config.get('clientUrl') ?? '', (error) =>
      this.logger.warn(`analytics maintenance connection lost: ${error.message}`),
    );
    await client.connect();
    return client;
  }
}
