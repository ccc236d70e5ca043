/**
 * Distinct counts over any range of days, exact and fast: the "chain" aggregates.
 *
 * For each metric, every member (a user) seen on a day with some keys (a UTM triple, a course) is a
 * row of `analytics_daily_chain_members` carrying `prev_day`, the previous day the same member was
 * seen with the same keys. The number of distinct members over days [b0, b1] is then the number of
 * rows of those days whose `prev_day` is before b0 (each member counted on its first day in the
 * range), and `analytics_daily_chain_counts` keeps exactly that per day × keys × gap (day − prev_day):
 * a handful of rows per day, whatever the number of users.
 *
 * Each metric's members of a day come from the day's base aggregates only (`candidates`), so the
 * reports can compute them for a day that is not rolled up yet, from raw events.
 */
export interface ChainMetric {
  name: string;
  /** SELECT keys text[], member text for UTC day `$1`, from aggregates of that day. */
  candidates: string;
}

/** Longest report range in days (2 years, leap day included): gaps beyond it all mean "before". */
export const MAX_RANGE_DAYS = 731;

const utm = (keys: string, converted: boolean) => `SELECT ${keys} AS keys, user_id AS member
  FROM analytics_daily_utm WHERE day = $1::date AND utm_source IS NOT NULL AND user_id IS NOT NULL
  GROUP BY 1, 2${converted ? ' HAVING sum(logins) > 0' : ''}`;

const courseViewers = (keys: string) => `SELECT ${keys} AS keys, user_id AS member
  FROM analytics_daily_user_content WHERE day = $1::date AND event_action = 'course_viewed' AND course_id IS NOT NULL
  GROUP BY 1, 2`;

const TRIPLE = 'ARRAY[utm_source, utm_medium, utm_campaign]';
const SOURCE = 'ARRAY[utm_source]';
const NONE = 'ARRAY[]::text[]';

export const CHAIN_METRICS: ChainMetric[] = [
  {
    // The spec's active user: a user with a logged-in event that day.
    name: 'active_users',
    candidates: `SELECT ${NONE} AS keys, user_id AS member FROM analytics_daily_user_activity
      WHERE day = $1::date AND logged_in_events > 0`,
  },
  // Users with events carrying a UTM source (the spec's query 3), and those with a login_success among them.
  { name: 'utm_users', candidates: utm(TRIPLE, false) },
  { name: 'utm_users_by_source', candidates: utm(SOURCE, false) },
  { name: 'utm_users_total', candidates: utm(NONE, false) },
  { name: 'utm_converters', candidates: utm(TRIPLE, true) },
  { name: 'utm_converters_by_source', candidates: utm(SOURCE, true) },
  { name: 'utm_converters_total', candidates: utm(NONE, true) },
  // Logged-in users who viewed a course (course discovery).
  { name: 'course_viewers', candidates: courseViewers('ARRAY[course_id]') },
  { name: 'course_viewers_total', candidates: courseViewers(NONE) },
];

export const chainMetric = (name: string): ChainMetric => {
  const metric = CHAIN_METRICS.find((m) => m.name === name);
  if (!metric) throw new Error(`unknown chain metric ${name}`);
  return metric;
};

/** Every metric's members of day `$1`, as (metric, keys, member). */
export const chainCandidates = (metrics: ChainMetric[]): string =>
  metrics
    .map((m) => `SELECT '${m.name}'::text AS metric, c.keys, c.member FROM (${m.candidates}) c`)
    .join('\nUNION ALL\n');
