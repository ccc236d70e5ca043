import type pg from 'pg';
import type { DatabaseServer } from '../../../infra/database/pools.js';
import { daysBetween, sqlDate, sqlDates } from '../rollup/index.js';
import { type TailDay } from './report-days.js';
import { type DayRange } from './report-range.js';
import {
  LIVE_FIRSTS,
  LIVE_MEMBERS,
  LIVE_SESSION_DAYS,
  liveTable,
  reportSql,
  TAIL_SESSIONS,
} from './report-sql.js';

/** Where a report's days came from. */
export interface ReportSources {
  /** Days answered from raw events (not rolled up yet: today, or a day whose rollup failed). */
  rawDays: string[];
  /**
   * Provisional days (today so far, see the intraday refresh) answered from their aggregates up to
   * `aggregatesUntil` plus the raw events after it, up to `rawUntil` (the report's own time).
   */
  provisionalDays: { day: string; aggregatesUntil: string; rawUntil: string }[];
  /** Days up to today with neither aggregates nor raw events: they count as empty. */
  missingDays: string[];
  /**
   * The server that answered the whole report (ledger, aggregates and raw events alike): the
   * read replica (DATABASE_REPLICA_URL) when it had every day rolled up, else the primary.
   */
  server: DatabaseServer;
}

/** The predicate that holds for every row (an unset filter, every day rolled up). */
export const NO_CONDITION = reportSql('scope/no-condition');
const NO_LIVE_MEMBERS = reportSql('scope/no-live-members');
const NO_LIVE_FIRSTS = reportSql('scope/no-live-firsts');

/**
 * One report's view of the days of its range: the days rolled up ('done' in the ledger for every
 * aggregate the report reads) come from the stored aggregates; the others that still have raw
 * events (today, a day whose rollup failed or has not run) get the same aggregates computed from
 * raw events by the rollup statements themselves, into temporary tables of the same names. A report
 * reads `rows(table)`: both, as one relation. All in one REPEATABLE READ transaction, rolled back.
 * The relations it hands out are fragments of `sql/reports/scope/`.
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
    /** Provisional days among `storedDays`: their raw tail is among the live rows. */
    readonly tailDays: readonly TailDay[] = [],
  ) {}

  get sources(): ReportSources {
    return {
      rawDays: this.liveDays,
      provisionalDays: this.tailDays.map((t) => ({
        day: t.day,
        aggregatesUntil: t.coversUntil.toISOString(),
        rawUntil: t.rawUntil.toISOString(),
      })),
      missingDays: this.daysUpToTodayExcept([...this.storedDays, ...this.liveDays]),
      server: this.server,
    };
  }

  /** Rows computed from raw events: live days, or the raw tail of a provisional day. */
  get hasRawRows(): boolean {
    return this.liveDays.length > 0 || this.tailDays.length > 0;
  }

  /** The sessions a provisional day's raw tail touched, merged (`report_tail_sessions`), if any. */
  get tailSessions(): string | undefined {
    return this.liveTables.has(TAIL_SESSIONS) ? liveTable(TAIL_SESSIONS) : undefined;
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
    return others.length
      ? reportSql('scope/stored-day', { values: { column, other_days: sqlDates(others) } })
      : NO_CONDITION;
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
    return reportSql('scope/stored-rows', {
      relations: { aggregate: table },
      values: {
        from: sqlDate(this.range.from),
        to: sqlDate(this.range.to),
        stored_day: this.isStoredDay('day'),
      },
    });
  }

  /** Every day of the range: stored rows and rows computed from raw events. */
  rows(table: string): string {
    return this.liveTables.has(table)
      ? reportSql('scope/stored-and-live-rows', {
          relations: { live: table },
          values: { stored: this.stored(table) },
        })
      : this.stored(table);
  }

  /**
   * Chain members (day, metric, keys, member, prev_day) of the live days, `prev_day` being the
   * previous day the member was seen (stored or live), as the chain rollup would have it.
   */
  get liveMembers(): string {
    return this.liveTables.has(LIVE_MEMBERS) ? liveTable(LIVE_MEMBERS) : NO_LIVE_MEMBERS;
  }

  /** First-milestone candidates (day, user_id, milestone, first_at) of the live days. */
  get liveFirsts(): string {
    return this.liveTables.has(LIVE_FIRSTS) ? liveTable(LIVE_FIRSTS) : NO_LIVE_FIRSTS;
  }

  /** Session days (day, session_id, prev_day, converted) of the range: stored and live. */
  get sessionDays(): string {
    return reportSql('scope/session-days', {
      values: {
        stored: this.stored('analytics_daily_session_days'),
        live_session_days: this.liveTables.has(LIVE_SESSION_DAYS) ? reportSql('scope/live-session-days') : '',
      },
    });
  }

  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.client.query<R>(sql, params)).rows;
  }
}
