import { sqlDate } from '../../rollup/utc-day.js';
import type { ReportScope } from '../report-runner.js';

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
  const days = scope.sessionDays;
  return `(SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM ${days} sd
      WHERE sd.session_id IN (SELECT session_id FROM ${days} x
        WHERE x.prev_day BETWEEN ${sqlDate(from)} AND ${sqlDate(to)} AND x.day > ${sqlDate(from)})
    ) md JOIN ${scope.rows('analytics_daily_sessions')} s ON s.day = md.day AND s.session_id = md.session_id)`;
}

/**
 * The whole sessions of those rows, one row each: (session_id, platform, utm_source, seconds,
 * landing_page, page_views, converted, funnel_step). `analytics_funnel_chain` chains the days'
 * funnels: `src/modules/analytics/sql/functions/login-funnel-chain.sql`.
 */
export function wholeSessions(rows: string): string {
  return `(SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM ${rows} m GROUP BY session_id)`;
}

/** Filters of the session reports, on a relation with `platform` and `utm_source` columns. */
export interface SessionFilters {
  platform?: string;
  utmSource?: string;
}

/** SQL predicate for the filters, with their values as `$n` parameters appended to `params`. */
export function sessionFilterSql(filters: SessionFilters, params: unknown[], alias?: string): string {
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  const parts = ['true'];
  if (filters.platform) {
    params.push(filters.platform);
    parts.push(`${col('platform')} = $${params.length}`);
  }
  if (filters.utmSource) {
    params.push(filters.utmSource);
    parts.push(`coalesce(${col('utm_source')}, 'Direct') = $${params.length}`);
  }
  return parts.join(' AND ');
}
