import { CHAIN_METRICS, chainCandidates, MAX_RANGE_DAYS } from './chain-metrics.js';
import type { Rollup } from './rollup-sql.js';

/**
 * Aggregates the reports read, derived from the base aggregates of the same day (never from raw
 * events), so they can be rebuilt for days whose raw events are gone, and they are cheap to roll up.
 * They run after the base rollups, in this order, in the same transaction.
 *
 * `history`: the rollup also reads earlier days of its own table (previous occurrence of a session
 * or a member, first occurrence of a milestone), by the table's key: no other B-tree of these tables
 * starts with `day` (see the migration history_lookup_indexes), which the planner could otherwise
 * scan backwards once per row when statistics are missing. Their rows go in key order: each
 * lookup and insert then lands next to the previous one in the key's index, not at random. Such rollups depend on the days before being
 * rolled up first (the daily job rolls days up oldest first), and the reports compute their
 * equivalent for a day not rolled up yet at query time instead of rolling it up on the fly.
 */
export interface DerivedRollup extends Rollup {
  history?: true;
}

/** Lower bounds (seconds) of the session duration buckets. */
export const DURATION_BUCKETS = [0, 10, 30, 60, 180, 600, 1800, 3600] as const;

/** 1-based bucket of a duration in seconds. */
export const durationBucket = (seconds: string) =>
  `width_bucket(${seconds}, ARRAY[${DURATION_BUCKETS.join(', ')}]::numeric[])::smallint`;

/** Whole seconds are not enough to be exact: durations keep microseconds. */
export const sessionSeconds = (first: string, last: string) => `extract(epoch FROM ${last} - ${first})`;

/** The milestones of a learner's journey whose first occurrence is kept, in journey order. */
export const MILESTONE_ACTIONS = [
  'course_viewed',
  'class_started',
  'class_completed',
  'module_completed',
] as const;

/** First occurrence of each milestone per user on day `$1` (time of the day's first such event). */
export const MILESTONE_CANDIDATES = `SELECT user_id, event_action AS milestone, min(first_at) AS first_at
  FROM analytics_daily_user_content
  WHERE day = $1::date AND event_action IN (${MILESTONE_ACTIONS.map((a) => `'${a}'`).join(', ')})
  GROUP BY user_id, event_action`;

/**
 * Upper bounds of the milestone-gap buckets (ms, a geometric series ×1.25 from 1 ms to beyond 10
 * years): the time between two milestones of a user is kept in the bucket where it falls (1-based,
 * `width_bucket`), so that a median over any range reads the per-bucket counts of its days and
 * then the values of the one or two buckets where the median lies.
 */
export const GAP_BUCKET_MS: readonly number[] = [
  0,
  ...new Set(Array.from({ length: 120 }, (_, i) => Math.round(1.25 ** i))),
];

/**
 * Per milestone (but the first) and gap bucket, the users of `source` (rows milestone, first_at,
 * prev_first_at: first milestones) whose first time of it is there: `reached`, their gaps in ms
 * since the milestone before (`sum_ms`, exact), and the distinct gaps (float8, ascending) with how
 * many users have each (`gaps`, `counts`). Bucket 0: users without such a gap (no earlier first time
 * of the milestone before).
 */
export const milestoneGapRows = (source: string) => `SELECT milestone, bucket, sum(n)::int AS reached,
    coalesce(sum(total), 0) AS sum_ms,
    coalesce(array_agg(ms ORDER BY ms) FILTER (WHERE bucket > 0), '{}') AS gaps,
    coalesce(array_agg(n ORDER BY ms) FILTER (WHERE bucket > 0), '{}') AS counts
  FROM (SELECT milestone, coalesce(width_bucket(ms::float8, ARRAY[${GAP_BUCKET_MS.join(', ')}]::float8[]), 0)::smallint AS bucket,
          ms::float8 AS ms, count(*)::int AS n, sum(ms) AS total
        FROM (SELECT milestone, CASE WHEN prev_first_at <= first_at THEN extract(epoch FROM first_at - prev_first_at) * 1000 END AS ms
              FROM ${source} s WHERE milestone <> '${MILESTONE_ACTIONS[0]}') g
        GROUP BY 1, 2, 3) v
  GROUP BY 1, 2`;

/** SQL: the milestone before the one in `column` (NULL for the first). */
export const previousMilestone = (column: string) =>
  `CASE ${column} ${MILESTONE_ACTIONS.slice(1)
    .map((m, i) => `WHEN '${m}' THEN '${MILESTONE_ACTIONS[i]}'`)
    .join(' ')} END`;

/** Day `$1`'s milestones per user, one column each, then one row per milestone reached with the one before. */
const MILESTONES_OF_DAY = `(SELECT user_id, ${MILESTONE_ACTIONS.map((a) => `min(first_at) FILTER (WHERE event_action = '${a}') AS ${a}`).join(', ')}
    FROM analytics_daily_user_content
    WHERE day = $1::date AND event_action IN (${MILESTONE_ACTIONS.map((a) => `'${a}'`).join(', ')})
    GROUP BY user_id ORDER BY user_id) u
  CROSS JOIN LATERAL (VALUES ${MILESTONE_ACTIONS.map((a, i) => (i ? `('${a}', u.${a}, '${MILESTONE_ACTIONS[i - 1]}', u.${MILESTONE_ACTIONS[i - 1]})` : `('${a}', u.${a}, NULL, NULL::timestamptz)`)).join(', ')})
    AS m(milestone, first_at, prev_milestone, prev_same_day)`;

/**
 * The day's sessions (`analytics_daily_sessions` of day `$1`) with `converted`: a login_success
 * event in the session that day. One aggregation over both tables rather than a join: inside the
 * rollup transaction the rows were just written and have no statistics, and a join planned on
 * guesses can go quadratic on a busy day.
 */
export const SESSIONS_WITH_CONVERSION = `(SELECT session_id, max(platform) AS platform, max(utm_source) AS utm_source,
    max(landing_page) AS landing_page, max(page_views) AS page_views, bool_or(converted) AS converted
  FROM (SELECT session_id, platform, utm_source, landing_page, page_views, false AS converted, true AS present
        FROM analytics_daily_sessions WHERE day = $1::date
        UNION ALL
        SELECT session_id, NULL, NULL, NULL, NULL, true, false
        FROM analytics_daily_utm WHERE day = $1::date AND session_id IS NOT NULL AND logins > 0) x
  GROUP BY session_id HAVING bool_or(present))`;

/** Columns of `analytics_daily_content_counts`: the events of `analytics_daily_content` each counts. */
const CONTENT_COUNTS = {
  page_views: `event_type = 'we_page_load'`,
  course_views: `event_action = 'course_viewed'`,
  class_starts: `event_action = 'class_started'`,
  class_completions: `event_action = 'class_completed'`,
  reached25: `event_action = 'video_progress' AND milestone = 25`,
  reached50: `event_action = 'video_progress' AND milestone = 50`,
  reached75: `event_action = 'video_progress' AND milestone = 75`,
  contest_starts: `event_action = 'contest_started'`,
  contest_completions: `event_action = 'contest_completed'`,
  video_events: `event_type = 'video_event'`,
  contest_events: `event_type = 'contest_event'`,
};

export const DERIVED_ROLLUPS: DerivedRollup[] = [
  {
    // Every session-day with the session's previous day (any earlier day it had events): sessions
    // with more than one day in a range are put together whole by the reports.
    name: 'session_days',
    table: 'analytics_daily_session_days',
    history: true,
    insert: `INSERT INTO analytics_daily_session_days (day, session_id, prev_day, converted)
      SELECT $1::date, s.session_id, p.day, s.converted
      FROM (SELECT * FROM ${SESSIONS_WITH_CONVERSION} x ORDER BY session_id) s
      LEFT JOIN LATERAL (SELECT h.day FROM analytics_daily_session_days h
        WHERE h.session_id = s.session_id AND h.day < $1::date ORDER BY h.day DESC LIMIT 1) p ON true`,
  },
  {
    name: 'session_durations',
    table: 'analytics_daily_session_durations',
    insert: `INSERT INTO analytics_daily_session_durations (day, platform, utm_source, bucket, sessions, seconds)
      SELECT $1::date, platform, utm_source, ${durationBucket('seconds')}, count(*), sum(seconds)
      FROM (SELECT platform, utm_source, ${sessionSeconds('first_at', 'last_at')} AS seconds
            FROM analytics_daily_sessions WHERE day = $1::date) s
      GROUP BY 2, 3, 4`,
  },
  {
    name: 'session_funnel',
    table: 'analytics_daily_session_funnel',
    insert: `INSERT INTO analytics_daily_session_funnel (day, platform, utm_source, step, sessions)
      SELECT $1::date, platform, utm_source, funnel[1], count(*)
      FROM analytics_daily_sessions WHERE day = $1::date
      GROUP BY 2, 3, 4`,
  },
  {
    name: 'session_landings',
    table: 'analytics_daily_session_landings',
    insert: `INSERT INTO analytics_daily_session_landings (day, platform, utm_source, landing_page, sessions,
        bounces, conversions, page_views)
      SELECT $1::date, platform, utm_source, landing_page, count(*), count(*) FILTER (WHERE page_views = 1),
        count(*) FILTER (WHERE converted), sum(page_views)
      FROM ${SESSIONS_WITH_CONVERSION} s
      GROUP BY 2, 3, 4`,
  },
  {
    name: 'campaigns',
    table: 'analytics_daily_campaigns',
    insert: `INSERT INTO analytics_daily_campaigns (day, utm_source, utm_medium, utm_campaign, events, page_views, logins)
      SELECT $1::date, utm_source, utm_medium, utm_campaign, sum(events), sum(page_views), sum(logins)
      FROM analytics_daily_utm WHERE day = $1::date
      GROUP BY 2, 3, 4`,
  },
  {
    name: 'module_events',
    table: 'analytics_daily_module_events',
    insert: `INSERT INTO analytics_daily_module_events (day, course_id, module_id, event_action, events)
      SELECT $1::date, course_id, module_id, event_action, sum(events)
      FROM analytics_daily_user_content
      WHERE day = $1::date AND event_action IN ('module_started', 'module_completed') AND module_id IS NOT NULL
      GROUP BY 2, 3, 4`,
  },
  {
    name: 'content_counts',
    table: 'analytics_daily_content_counts',
    insert: `INSERT INTO analytics_daily_content_counts (day, course_id, class_id, ${Object.keys(CONTENT_COUNTS).join(', ')})
      SELECT $1::date, course_id, class_id,
        ${Object.values(CONTENT_COUNTS)
          .map((filter) => `coalesce(sum(events) FILTER (WHERE ${filter}), 0)`)
          .join(',\n        ')}
      FROM analytics_daily_content WHERE day = $1::date
      GROUP BY course_id, class_id`,
  },
  {
    // One row per user and milestone: its first occurrence ever, with the first occurrence of the
    // milestone before it (that day, or stored from an earlier day). A late event on an earlier day
    // moves the row there.
    name: 'user_firsts',
    table: 'analytics_daily_user_firsts',
    history: true,
    insert: `INSERT INTO analytics_daily_user_firsts (day, user_id, milestone, first_at, prev_first_at)
      SELECT $1::date, u.user_id, m.milestone, m.first_at, least(m.prev_same_day,
        (SELECT h.first_at FROM analytics_daily_user_firsts h WHERE h.user_id = u.user_id AND h.milestone = m.prev_milestone))
      FROM ${MILESTONES_OF_DAY}
      WHERE m.first_at IS NOT NULL
      ON CONFLICT (user_id, milestone) DO UPDATE SET day = excluded.day, first_at = excluded.first_at, prev_first_at = excluded.prev_first_at
        WHERE excluded.first_at < analytics_daily_user_firsts.first_at`,
  },
  {
    // The gaps between milestones of the day's first milestones (user_firsts), per bucket. A later
    // roll-up of an earlier day can move a user's first time from a later day to that one: the later
    // days whose rows no longer add up to their user_firsts are rebuilt too.
    name: 'milestone_gaps',
    table: 'analytics_daily_milestone_gaps',
    insert: `WITH stale AS (
        SELECT g.day FROM (SELECT day, milestone, sum(reached) AS n FROM analytics_daily_milestone_gaps
                           WHERE day > $1::date GROUP BY 1, 2) g
        LEFT JOIN (SELECT day, milestone, count(*) AS n FROM analytics_daily_user_firsts
                   WHERE day > $1::date AND milestone <> '${MILESTONE_ACTIONS[0]}' GROUP BY 1, 2) f USING (day, milestone)
        WHERE f.n IS DISTINCT FROM g.n),
      cleared AS (DELETE FROM analytics_daily_milestone_gaps WHERE day IN (SELECT day FROM stale))
      INSERT INTO analytics_daily_milestone_gaps (day, milestone, bucket, reached, sum_ms, gaps, counts)
      SELECT d.day, r.* FROM (SELECT $1::date AS day UNION SELECT day FROM stale) d
      CROSS JOIN LATERAL (${milestoneGapRows('(SELECT * FROM analytics_daily_user_firsts f WHERE f.day = d.day)')}) r`,
  },
  {
    name: 'chain_members',
    table: 'analytics_daily_chain_members',
    history: true,
    insert: `INSERT INTO analytics_daily_chain_members (day, metric, keys, member, prev_day)
      SELECT $1::date, c.metric, c.keys, c.member, p.day
      FROM (SELECT * FROM (${chainCandidates(CHAIN_METRICS)}) u ORDER BY metric, member, keys) c
      LEFT JOIN LATERAL (SELECT h.day FROM analytics_daily_chain_members h
        WHERE h.metric = c.metric AND h.member = c.member AND h.keys = c.keys AND h.day < $1::date
        ORDER BY h.day DESC LIMIT 1) p ON true`,
  },
  {
    name: 'chain_counts',
    table: 'analytics_daily_chain_counts',
    history: true,
    insert: `INSERT INTO analytics_daily_chain_counts (day, metric, keys, gap_days, members)
      SELECT $1::date, metric, keys, CASE WHEN prev_day >= $1::date - ${MAX_RANGE_DAYS} THEN $1::date - prev_day END, count(*)
      FROM analytics_daily_chain_members WHERE day = $1::date
      GROUP BY 2, 3, 4`,
  },
];

export const derivedRollup = (name: string): DerivedRollup | undefined =>
  DERIVED_ROLLUPS.find((r) => r.name === name);
