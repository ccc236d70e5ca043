import { Injectable, Logger } from '@nestjs/common';
import { replicaUnavailable } from '../../../infra/database/replica-fallback.js';
import type pg from 'pg';
import { chainCandidates, chainMetric, type ChainMetric } from '../rollup/chain-metrics.js';
import {
  derivedRollup,
  MILESTONE_CANDIDATES,
  SESSIONS_WITH_CONVERSION,
} from '../rollup/derived-rollup-sql.js';
import { DEFAULT_PARTITION } from '../rollup/event-partitions.js';
import { rollupReads } from '../rollup/rollup-graph.js';
import { LIVE_ROLLUPS, renderDayFragment, ROLLUPS, type Rollup } from '../rollup/rollup-sql.js';
import { addDays, daysBetween, partitionDay, sqlDate, sqlDates, utcDay } from '../rollup/utc-day.js';
import { type DayRange } from './report-range.js';
import { ReportsDb } from './reports-db.js';
import { firstRow } from '../../../common/assert/defined.js';
import type { DatabaseServer } from '../../../infra/database/pools.js';

/** What a report reads. */
export interface ReportPlan {
  /** Rollups whose ledger entries ('done') make a day answered from the stored aggregates. */
  stored: string[];
  /** Aggregates (rollup names) the report reads for the other days, computed from raw events. */
  live?: string[];
  /** Chain metrics whose members the report needs for those days (`liveMembers`). */
  chains?: string[];
  /** First milestones of those days (`liveFirsts`). */
  milestones?: boolean;
  /** Session days with their previous day, for those days (`liveSessionDays`). */
  sessionDays?: boolean;
}

/** Where a report's days came from. */
export interface ReportSources {
  /** Days answered from raw events (not rolled up yet: today, or a day whose rollup failed). */
  rawDays: string[];
  /** Days up to today with neither aggregates nor raw events: they count as empty. */
  missingDays: string[];
  /**
   * The server that answered the whole report (ledger, aggregates and raw events alike): the
   * read replica (DATABASE_REPLICA_URL) when it had every day rolled up, else the primary.
   */
  server: DatabaseServer;
}

/** The rollups that write those tables. */
const rollupsWriting = (tables: readonly string[]): Rollup[] =>
  ROLLUPS.filter((r) => tables.includes(r.table));

/** A rollup as the live days run it: into (and from) the temporary tables, named `pg_temp.` explicitly. */
const liveRollup = (name: string): Rollup => {
  const rollup = LIVE_ROLLUPS.find((r) => r.name === name);
  if (!rollup) throw new Error(`unknown rollup ${name}`);
  return rollup;
};

/** First milestones of day `$1`, from the live days' temporary tables. */
const LIVE_MILESTONE_CANDIDATES = renderDayFragment(
  MILESTONE_CANDIDATES,
  MILESTONE_CANDIDATES.reads,
  'pg_temp',
);
/** The live day's sessions with their conversion, from the temporary tables. */
const LIVE_SESSIONS_WITH_CONVERSION = renderDayFragment(
  SESSIONS_WITH_CONVERSION,
  SESSIONS_WITH_CONVERSION.reads,
  'pg_temp',
);

const LIVE_MEMBERS = 'report_live_members';
const LIVE_FIRSTS = 'report_live_firsts';
const LIVE_SESSION_DAYS = 'report_live_session_days';

/**
 * One report's view of the days of its range: the days rolled up ('done' in the ledger for every
 * aggregate the report reads) come from the stored aggregates; the others that still have raw
 * events (today, a day whose rollup failed or has not run) get the same aggregates computed from
 * raw events by the rollup statements themselves, into temporary tables of the same names. A report
 * reads `rows(table)`: both, as one relation. All in one REPEATABLE READ transaction, rolled back.
 */
export class ReportScope {
  constructor(
    readonly range: DayRange,
    readonly today: string,
    /** Days of the range answered from aggregates. */
    readonly storedDays: string[],
    /** Days of the range computed from raw events. */
    readonly liveDays: string[],
    private readonly liveTables: Set<string>,
    private readonly client: pg.PoolClient,
    /**
     * Days before the range that are not rolled up but have raw events: only their first
     * milestones are computed (in `liveFirsts`, with their day), so that a first time in the range
     * is a first time indeed.
     */
    readonly historyDays: string[] = [],
    readonly server: DatabaseServer = 'primary',
  ) {}

  get sources(): ReportSources {
    return {
      rawDays: this.liveDays,
      missingDays: this.daysUpToTodayExcept([...this.storedDays, ...this.liveDays]),
      server: this.server,
    };
  }

  /** A live day comes before a stored one: chains of later stored days may skip it. */
  get liveBeforeStored(): boolean {
    const lastStored = this.storedDays[this.storedDays.length - 1];
    return this.liveDays.some((d) => lastStored !== undefined && d < lastStored);
  }

  /**
   * SQL predicate: `column` (a day) is a rolled-up day, given it is in the range. Written as "not
   * one of the days up to today that are not rolled up" (later days have no rows), which is
   * usually no condition at all.
   */
  isStoredDay(column: string): string {
    const others = this.daysUpToTodayExcept(this.storedDays);
    return others.length ? `${column} <> ALL(${sqlDates(others)})` : 'true';
  }

  /** Days of the range up to today (no later day has rows), but these. */
  private daysUpToTodayExcept(days: string[]): string[] {
    const last = this.range.to < this.today ? this.range.to : this.today;
    if (this.range.from > last) return [];
    const except = new Set(days);
    return daysBetween(this.range.from, last).filter((d) => !except.has(d));
  }

  /** The stored rows of the range's rolled-up days. */
  stored(table: string): string {
    return `(SELECT * FROM public.${table} WHERE day BETWEEN ${sqlDate(this.range.from)} AND ${sqlDate(this.range.to)}
      AND ${this.isStoredDay('day')})`;
  }

  /** The rows computed from raw events for the other days (none when there are none). */
  live(table: string): string {
    return this.liveTables.has(table) ? `pg_temp.${table}` : `(SELECT * FROM public.${table} WHERE false)`;
  }

  /** Every day of the range: stored rows and rows computed from raw events. */
  rows(table: string): string {
    return this.liveTables.has(table)
      ? `(${this.stored(table)} UNION ALL SELECT * FROM pg_temp.${table})`
      : this.stored(table);
  }

  /**
   * Chain members (day, metric, keys, member, prev_day) of the live days, `prev_day` being the
   * previous day the member was seen (stored or live), as the chain rollup would have it.
   */
  get liveMembers(): string {
    return this.liveTables.has(LIVE_MEMBERS)
      ? `pg_temp.${LIVE_MEMBERS}`
      : `(SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false)`;
  }

  /** First-milestone candidates (day, user_id, milestone, first_at) of the live days. */
  get liveFirsts(): string {
    return this.liveTables.has(LIVE_FIRSTS)
      ? `pg_temp.${LIVE_FIRSTS}`
      : `(SELECT NULL::date AS day, NULL::text AS user_id, NULL::text AS milestone, NULL::timestamptz AS first_at WHERE false)`;
  }

  /** Session days (day, session_id, prev_day, converted) of the range: stored and live. */
  get sessionDays(): string {
    const live = this.liveTables.has(LIVE_SESSION_DAYS)
      ? `UNION ALL SELECT * FROM pg_temp.${LIVE_SESSION_DAYS}`
      : '';
    return `(SELECT day, session_id, prev_day, converted FROM ${this.stored('analytics_daily_session_days')} s ${live})`;
  }

  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.client.query<R>(sql, params)).rows;
  }
}

/** The replica was asked first and has a day to compute from raw events: the primary answers. */
const NEEDS_PRIMARY = Symbol('needs the primary');

@Injectable()
export class ReportRunner {
  private readonly logger = new Logger(ReportRunner.name);

  constructor(private readonly db: ReportsDb) {}

  /**
   * Runs `work` with the range's days split between aggregates and raw events, all of it on one
   * server. With a replica, the replica's own ledger decides: every day of the range rolled up
   * there (no raw-event day, nothing to compute into temporary tables, which a hot standby refuses)
   * and the whole report runs there, in one snapshot of the replica, so a replica that lags gives
   * an older answer that is consistent in itself; otherwise the whole report runs on the primary.
   */
  async run<T>(
    range: DayRange,
    plan: ReportPlan,
    work: (scope: ReportScope) => Promise<T>,
    now = new Date(),
  ): Promise<T> {
    const today = utcDay(now);
    if (this.db.hasReplica) {
      try {
        const answer = await this.db.readTransaction(async (client) => {
          await client.query('SET LOCAL jit = off');
          const days = await this.days(client, range, plan, today);
          if (days.liveDays.length || days.historyDays.length) return NEEDS_PRIMARY;
          return {
            value: await work(
              new ReportScope(range, today, days.storedDays, [], new Set(), client, [], 'replica'),
            ),
          };
        }, 'replica');
        if (answer !== NEEDS_PRIMARY) return answer.value;
      } catch (error) {
        if (!replicaUnavailable(error)) throw error;
        this.logger.warn(`report answered by the primary: the replica failed (${(error as Error).message})`);
      }
    }
    return this.db.readTransaction(async (client) => {
      await client.query('SET LOCAL jit = off');
      const { storedDays, liveDays, historyDays } = await this.days(client, range, plan, today);
      const liveTables =
        liveDays.length || historyDays.length
          ? await this.computeLive(client, plan, liveDays, historyDays)
          : new Set<string>();
      return work(
        new ReportScope(range, today, storedDays, liveDays, liveTables, client, historyDays, 'primary'),
      );
    }, 'primary');
  }

  /** The range's days as the server `client` sees them: rolled up, or to compute from raw events. */
  private async days(
    client: pg.PoolClient,
    range: DayRange,
    plan: ReportPlan,
    today: string,
  ): Promise<{ storedDays: string[]; liveDays: string[]; historyDays: string[] }> {
    const storedDays = await this.storedDays(client, range, plan.stored);
    const liveDays = await this.liveDays(client, range, today, new Set(storedDays));
    const historyDays = plan.milestones ? await this.historyDays(client, range, plan.stored) : [];
    return { storedDays, liveDays, historyDays };
  }

  private async storedDays(client: pg.PoolClient, range: DayRange, rollups: string[]): Promise<string[]> {
    const { rows } = await client.query<{ day: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM analytics_rollup_ledger
       WHERE day BETWEEN $1 AND $2 AND rollup = ANY($3) AND status = 'done'
       GROUP BY day HAVING count(*) = $4 ORDER BY day`,
      [range.from, range.to, rollups, rollups.length],
    );
    return rows.map((r) => r.day);
  }

  /** Days before the range, not stored, that have raw events (see `ReportScope.historyDays`). */
  private async historyDays(client: pg.PoolClient, range: DayRange, rollups: string[]): Promise<string[]> {
    const { rows } = await client.query<{ first: string | null }>(
      `SELECT to_char(min(day), 'YYYY-MM-DD') AS first FROM (
         SELECT min(day) AS day FROM analytics_rollup_ledger
         UNION ALL SELECT min(("timestamp" AT TIME ZONE 'UTC')::date) FROM ${DEFAULT_PARTITION}) d`,
    );
    const partitions = await this.partitionDays(client);
    const first = [firstRow(rows, 'the first stored day').first, partitions[0]]
      .filter((d): d is string => !!d && d < range.from)
      .sort()[0];
    if (!first) return [];
    const before = { from: first, to: addDays(range.from, -1) };
    const stored = new Set(await this.storedDays(client, before, rollups));
    const candidates = await this.liveDays(client, before, before.to, stored);
    if (!candidates.length) return [];
    // Empty partitions (made ahead, never rolled up) have no first times: one probe each.
    const probes = candidates.map(
      (d) => `SELECT '${d}' AS day WHERE EXISTS (SELECT 1 FROM analytics_events
        WHERE "timestamp" >= ${sqlDate(d)}::timestamp AT TIME ZONE 'UTC' AND "timestamp" < (${sqlDate(d)} + 1)::timestamp AT TIME ZONE 'UTC')`,
    );
    const { rows: withEvents } = await client.query<{ day: string }>(probes.join(' UNION ALL '));
    return withEvents.map((r) => r.day).sort();
  }

  private async partitionDays(client: pg.PoolClient): Promise<string[]> {
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'analytics_events'::regclass`,
    );
    return rows
      .map((p) => partitionDay(p.name))
      .filter((d): d is string => d !== undefined)
      .sort();
  }

  /** Days of the range up to today, not stored, that have raw events (a partition, or rows in the default one). */
  private async liveDays(
    client: pg.PoolClient,
    range: DayRange,
    today: string,
    stored: Set<string>,
  ): Promise<string[]> {
    const last = range.to < today ? range.to : today;
    if (range.from > last) return [];
    const partitions = await this.partitionDays(client);
    const { rows: stray } = await client.query<{ day: string }>(
      `SELECT DISTINCT to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM ${DEFAULT_PARTITION}
       WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC' AND "timestamp" < $2::date::timestamp AT TIME ZONE 'UTC'`,
      [range.from, addDays(last, 1)],
    );
    const withEvents = new Set([...partitions, ...stray.map((s) => s.day)]);
    return daysBetween(range.from, last).filter((d) => !stored.has(d) && withEvents.has(d));
  }

  /** Computes, for the live days, what the plan reads; returns the temporary tables made. */
  private async computeLive(
    client: pg.PoolClient,
    plan: ReportPlan,
    days: string[],
    historyDays: string[],
  ): Promise<Set<string>> {
    const metrics = (plan.chains ?? []).map(chainMetric);
    const extraReads = [
      ...metrics.flatMap((m) => m.candidates.reads),
      ...(plan.milestones ? MILESTONE_CANDIDATES.reads : []),
      ...(plan.sessionDays ? SESSIONS_WITH_CONVERSION.reads : []),
    ];
    const rollups = liveClosure([...(plan.live ?? []).map(rollupNamed), ...rollupsWriting(extraReads)]);
    const made = new Set<string>();
    for (const rollup of rollups) {
      await client.query(
        `CREATE TEMP TABLE ${rollup.table} ON COMMIT DROP AS SELECT * FROM public.${rollup.table} WITH NO DATA`,
      );
      made.add(rollup.table);
    }
    if (metrics.length) {
      await client.query(
        `CREATE TEMP TABLE ${LIVE_MEMBERS} (day date, metric text, keys text[], member text, prev_day date) ON COMMIT DROP`,
      );
      await client.query(`CREATE INDEX ON ${LIVE_MEMBERS} (metric, member, keys)`);
      made.add(LIVE_MEMBERS);
    }
    if (plan.milestones) {
      await client.query(
        `CREATE TEMP TABLE ${LIVE_FIRSTS} (day date, user_id text, milestone text, first_at timestamptz) ON COMMIT DROP`,
      );
      await client.query(`CREATE INDEX ON ${LIVE_FIRSTS} (user_id, milestone)`);
      made.add(LIVE_FIRSTS);
    }
    if (plan.sessionDays) {
      await client.query(
        `CREATE TEMP TABLE ${LIVE_SESSION_DAYS} (day date, session_id text, prev_day date, converted boolean) ON COMMIT DROP`,
      );
      await client.query(`CREATE INDEX ON ${LIVE_SESSION_DAYS} (session_id)`);
      made.add(LIVE_SESSION_DAYS);
    }
    // Days before the range: their first milestones only; what was computed for them goes again.
    const firstsFrom = liveClosure(rollupsWriting(MILESTONE_CANDIDATES.reads));
    for (const day of historyDays) {
      for (const rollup of firstsFrom) await client.query(liveRollup(rollup.name).insert, [day]);
      await client.query(
        `INSERT INTO ${LIVE_FIRSTS} SELECT $1::date, c.* FROM (${LIVE_MILESTONE_CANDIDATES}) c`,
        [day],
      );
      for (const rollup of firstsFrom)
        await client.query(`DELETE FROM pg_temp.${rollup.table} WHERE day = $1`, [day]);
    }
    for (const day of days) {
      // The rollup statements, rendered for the temporary tables, write and read them.
      for (const { name } of rollups) {
        const rollup = liveRollup(name);
        await client.query(rollup.insert, [day]);
        if (rollup.copy?.then) await client.query(rollup.copy.then, [day]);
      }
      if (metrics.length) await client.query(liveMembersSql(metrics, days), [day]);
      if (plan.milestones)
        await client.query(
          `INSERT INTO ${LIVE_FIRSTS} SELECT $1::date, c.* FROM (${LIVE_MILESTONE_CANDIDATES}) c`,
          [day],
        );
      if (plan.sessionDays) await client.query(liveSessionDaysSql(days), [day]);
    }
    await client.query('ANALYZE pg_temp.' + [...made].join(', pg_temp.'));
    return made;
  }
}

function rollupNamed(name: string): Rollup {
  const rollup = ROLLUPS.find((r) => r.name === name);
  if (!rollup) throw new Error(`unknown rollup ${name}`);
  if (derivedRollup(name)?.history)
    throw new Error(`rollup ${name} reads earlier days: it cannot run for one day alone`);
  return rollup;
}

/** The rollups with those they read, in rollup order. */
function liveClosure(wanted: Rollup[]): Rollup[] {
  const needed = new Set<Rollup>();
  const add = (r: Rollup) => {
    if (needed.has(r)) return;
    needed.add(r);
    const reads = rollupReads(r.name);
    ROLLUPS.filter((o) => reads.includes(o.table)).forEach(add);
  };
  wanted.forEach(add);
  return ROLLUPS.filter((r) => needed.has(r));
}

/** The chain members of those metrics for the live day `$1`, from the temporary tables. */
function liveChainCandidates(metrics: ChainMetric[]): string {
  const { text, reads, values } = chainCandidates(metrics);
  return renderDayFragment(text, reads, 'pg_temp', values);
}

/** Chain members of a live day, with their previous day from the stored ones and from earlier live days. */
const liveMembersSql = (
  metrics: ChainMetric[],
  liveDays: string[],
) => `INSERT INTO ${LIVE_MEMBERS} (day, metric, keys, member, prev_day)
  SELECT $1::date, c.metric, c.keys, c.member, greatest(ps.day, pl.day)
  FROM (${liveChainCandidates(metrics)}) c
  LEFT JOIN LATERAL (SELECT h.day FROM public.analytics_daily_chain_members h
    WHERE h.metric = c.metric AND h.member = c.member AND h.keys = c.keys AND h.day < $1::date AND h.day <> ALL(${sqlDates(liveDays)})
    ORDER BY h.day DESC LIMIT 1) ps ON true
  LEFT JOIN LATERAL (SELECT max(l.day) AS day FROM ${LIVE_MEMBERS} l
    WHERE l.metric = c.metric AND l.member = c.member AND l.keys = c.keys AND l.day < $1::date) pl ON true`;

/** Session days of a live day: the previous day from the stored ones and from earlier live days. */
const liveSessionDaysSql = (
  liveDays: string[],
) => `INSERT INTO ${LIVE_SESSION_DAYS} (day, session_id, prev_day, converted)
  SELECT $1::date, s.session_id, greatest(ps.day, pl.day), s.converted
  FROM ${LIVE_SESSIONS_WITH_CONVERSION} s
  LEFT JOIN LATERAL (SELECT h.day FROM public.analytics_daily_session_days h
    WHERE h.session_id = s.session_id AND h.day < $1::date AND h.day <> ALL(${sqlDates(liveDays)})
    ORDER BY h.day DESC LIMIT 1) ps ON true
  LEFT JOIN LATERAL (SELECT max(l.day) AS day FROM ${LIVE_SESSION_DAYS} l WHERE l.session_id = s.session_id AND l.day < $1::date) pl ON true`;
