import { sqlFile, type SqlTemplate } from '../sql/sql-template.js';

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
 * reports can compute them for a day that is not rolled up yet, from raw events. Metrics that read
 * the same rows form a family computed in one pass (GROUPING SETS: one scan, one hash table per
 * level of keys).
 */
export interface ChainMetric {
  name: string;
  /**
   * SELECT metric text, keys text[], member text for UTC day `{{day}}`, from aggregates of that day:
   * the family's members (`sql/chains/*.sql`).
   */
  candidates: ChainFamily;
}

/** A family's members: its statement, the aggregates it reads, and the values of its placeholders. */
export interface ChainFamily {
  template: SqlTemplate;
  reads: readonly string[];
  values?: Readonly<Record<string, string>>;
}

/** Longest report range in days (2 years, leap day included): gaps beyond it all mean "before". */
export const MAX_RANGE_DAYS = 731;

/** UTM keys by level: `GROUPING(utm_source, utm_medium, utm_campaign)` is 0, 3 or 7. */
const UTM_LEVELS = [
  {
    grouping: 0,
    users: 'utm_users',
    converters: 'utm_converters',
    keys: 'ARRAY[utm_source, utm_medium, utm_campaign]',
  },
  {
    grouping: 3,
    users: 'utm_users_by_source',
    converters: 'utm_converters_by_source',
    keys: 'ARRAY[utm_source]',
  },
  { grouping: 7, users: 'utm_users_total', converters: 'utm_converters_total', keys: "'{}'::text[]" },
];

const byLevel = (pick: (level: (typeof UTM_LEVELS)[number]) => string) =>
  `CASE level ${UTM_LEVELS.map((l) => `WHEN ${l.grouping} THEN ${pick(l)}`).join(' ')} END`;

/**
 * Users with events carrying a UTM source (the spec's query 3) per triple, per source and in all,
 * and those with a login_success among them (converters).
 */
const UTM_FAMILY: ChainFamily = {
  template: sqlFile('chains/utm-family.sql'),
  reads: ['analytics_daily_utm'],
  values: {
    utm_users_metric: byLevel((l) => `'${l.users}'`),
    utm_converters_metric: byLevel((l) => `'${l.converters}'`),
    utm_keys: byLevel((l) => l.keys),
  },
};

/** Logged-in users who viewed a course (course discovery), per course and in all. */
const COURSE_VIEWERS_FAMILY: ChainFamily = {
  template: sqlFile('chains/course-viewers.sql'),
  reads: ['analytics_daily_user_content'],
};

export const CHAIN_METRICS: ChainMetric[] = [
  {
    // The spec's active user: a user with a logged-in event that day.
    name: 'active_users',
    candidates: { template: sqlFile('chains/active-users.sql'), reads: ['analytics_daily_user_activity'] },
  },
  ...UTM_LEVELS.flatMap((l) => [
    { name: l.users, candidates: UTM_FAMILY },
    { name: l.converters, candidates: UTM_FAMILY },
  ]),
  { name: 'course_viewers', candidates: COURSE_VIEWERS_FAMILY },
  { name: 'course_viewers_total', candidates: COURSE_VIEWERS_FAMILY },
];

export const chainMetric = (name: string): ChainMetric => {
  const metric = CHAIN_METRICS.find((m) => m.name === name);
  if (!metric) throw new Error(`unknown chain metric ${name}`);
  return metric;
};

/**
 * The members of day `{{day}}` of those metrics, as (metric, keys, member): each family computed
 * once. A template (the families' placeholders kept), with the aggregates it reads and its values.
 */
export function chainCandidates(metrics: ChainMetric[]): {
  text: string;
  reads: string[];
  values: Record<string, string>;
} {
  const families = [...new Set(metrics.map((m) => m.candidates))];
  const text = families
    .map((family) => {
      const wanted = metrics.filter((m) => m.candidates === family).map((m) => `'${m.name}'`);
      const all = CHAIN_METRICS.filter((m) => m.candidates === family).length === wanted.length;
      return `SELECT c.metric, c.keys, c.member FROM (${family.template.text}) c${all ? '' : ` WHERE c.metric IN (${wanted.join(', ')})`}`;
    })
    .join('\nUNION ALL\n');
  return {
    text,
    reads: [...new Set(families.flatMap((f) => f.reads))],
    values: Object.assign({}, ...families.map((f) => f.values ?? {})) as Record<string, string>,
  };
}
