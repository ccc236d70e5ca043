import { ROLLUP_MANIFEST, sqlDate } from '../../rollup/index.js';
import type { ReportScope } from '../report-scope.js';
import { reportSql } from '../report-sql.js';

/**
 * Session reports add up the per-day session aggregates, which see each session-day on its own.
 * A session with events on more than one day of the range (across midnight) is then taken out
 * day by day and put back whole: its duration from its first to its last event in the range, its
 * platform (max), first-touch source and landing page from its first day, its funnel chained
 * across the days. These few sessions are found through `analytics_daily_session_days.prev_day`.
 *
 * `multiDaySessionRows` is the relation of their `analytics_daily_sessions` rows in the range, plus
 * `converted` (a login_success that day).
 */
export function multiDaySessionRows(scope: ReportScope): string {
  const { from, to } = scope.range;
  const values = {
    session_days: scope.sessionDays,
    from: sqlDate(from),
    to: sqlDate(to),
    sessions: scope.rows('analytics_daily_sessions'),
  };
  // A provisional day's sessions that its raw tail touched: their merged rows instead.
  if (scope.tailSessions)
    return reportSql('multi-day-session-rows-with-tail', {
      values: { ...values, session_columns: SESSION_COLUMNS },
    });
  return reportSql('multi-day-session-rows', { values });
}

/** The session-day rows' columns (as the sessions rollup writes them), of alias `x`. */
const SESSION_COLUMNS = [
  'day',
  ...(ROLLUP_MANIFEST.find((m) => m.table === 'analytics_daily_sessions')?.columns ?? []),
]
  .map((c) => `x.${c}`)
  .join(', ');

/**
 * The whole sessions of those rows, one row each: (session_id, platform, utm_source, seconds,
 * landing_page, page_views, converted, funnel_step).
 */
export function wholeSessions(rows: string): string {
  return reportSql('whole-sessions', { values: { rows } });
}

/** Filters of the session reports, on a relation with `platform` and `utm_source` columns. */
export interface SessionFilters {
  platform?: string;
  utmSource?: string;
}

/** SQL predicate for the filters (filters/session-filters.sql), their values appended to `params` as `$n`. */
export function sessionFilterSql(filters: SessionFilters, params: unknown[], alias?: string): string {
  const columnPrefix = alias ? `${alias}.` : '';
  const bind = (value: string) => `$${params.push(value)}`;
  return reportSql('filters/session-filters', {
    values: {
      platform_filter: filters.platform
        ? reportSql('filters/platform', {
            params: { platform: bind(filters.platform) },
            values: { column_prefix: columnPrefix },
          })
        : '',
      utm_source_filter: filters.utmSource
        ? reportSql('filters/utm-source', {
            params: { utm_source: bind(filters.utmSource) },
            values: { column_prefix: columnPrefix },
          })
        : '',
    },
  });
}
