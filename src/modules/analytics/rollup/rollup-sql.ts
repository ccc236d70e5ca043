import { DERIVED_ROLLUPS } from './derived-rollup-sql.js';

/**
 * The daily rollups. Every statement reads one UTC day only (`$1`, a date), so PostgreSQL reads
 * that day's partition and nothing else.
 *
 * They run in one transaction per day, after deleting the day's previous rows: a re-run replaces
 * the day, and a crash leaves the previous version. About half of the work (sessions, UTM, pages,
 * events, content) is computed on a second, read-only connection that shares the transaction's
 * snapshot: these `copy` rollups produce the table's rows there, which the writing connection
 * copies in (COPY on both sides, PostgreSQL's cheapest way out of a query and into a table).
 * Meanwhile the writing connection computes the per-user learning rows and derives the reports'
 * aggregates. PostgreSQL runs no INSERT … SELECT in parallel, so this is what puts a second core to
 * work (see WRITE_ORDER).
 *
 * Distinct counts are two-level GROUP BYs (the keys and the counted column first, then a count of
 * the non-null values) that PostgreSQL runs as hash aggregates, sometimes two over one scan with
 * GROUPING SETS; `count(DISTINCT …)` would sort the day's rows once per distinct count.
 */
export interface Rollup {
  name: string;
  table: string;
  /**
   * Writes the day's rows in one statement (`$1` is the day). For a `copy` rollup, it inserts the
   * reader's SELECT directly (what runs where there is no reader: the reports' live days).
   */
  insert: string;
  /**
   * Runs on the reader (`$1` is inlined: COPY takes no parameters); its rows go into `columns`,
   * then `then` (if any) completes them on the writer, with what only the writer sees (`$1`: day).
   */
  copy?: { select: string; columns: string[]; then?: string };
}

const DAY = `"timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'`;

/** Page path without query string or fragment: `/courses?utm_source=x` counts as `/courses`. */
const PATH = `split_part(split_part(page, '?', 1), '#', 1)`;

/** Number from custom_data only when it is a JSON number in range (clients send anything). */
const jsonNumber = (key: string, max: number) =>
  `CASE WHEN jsonb_typeof(custom_data -> '${key}') = 'number' THEN
     CASE WHEN (custom_data -> '${key}')::numeric BETWEEN 0 AND ${max} THEN round((custom_data -> '${key}')::numeric) END END`;

/** Milestone (0-100) and watch time of a content event. Watch time is at most 10⁷ s, an int, so its sums stay bigint. */
const MILESTONE = `(${jsonNumber('milestone', 100)})::smallint`;
const WATCHED = `(${jsonNumber('watched_seconds', 10_000_000)})::int`;

const CONTENT_EVENT = `(course_id IS NOT NULL OR class_id IS NOT NULL
  OR event_type IN ('course_event', 'class_event', 'video_event', 'contest_event'))`;

/** The login funnel step an event is (the spec's query 6), or NULL. */
const FUNNEL_STEP = `CASE
  WHEN event_type = 'we_page_load' AND page LIKE '%/login%' THEN 1
  WHEN event_action = 'login_button_clicked' THEN 2
  WHEN event_action = 'email_entered' THEN 3
  WHEN event_action = 'otp_requested' THEN 4
  WHEN event_action = 'otp_entered' THEN 5
  WHEN event_action = 'login_success' THEN 6
  WHEN event_type = 'we_page_load' AND page LIKE '%/dashboard%' THEN 7 END`;

/** The campaign of a session's first event with one; written three times, computed once. */
const FIRST_UTM = `array_agg(ARRAY[utm_source, utm_medium, utm_campaign] ORDER BY "timestamp", id) FILTER (WHERE utm_source IS NOT NULL)`;

/**
 * Numbers the day's rows of the aggregates keyed (day, row_no): no sequence value per row, and the
 * key serves the reads by day. A re-run numbers them again (the day's rows are replaced).
 */
const ROW_NO = 'row_number() OVER ()';

/** A rollup whose rows (`rows`, with the table's column names) the reader computes and the writer copies in. */
function copied(name: string, table: string, columns: string[], rows: string, then?: string): Rollup {
  const select = `SELECT $1::date AS day, ${columns.join(', ')} FROM (${rows}) r`;
  return {
    name,
    table,
    copy: { select, columns: ['day', ...columns], then },
    insert: `INSERT INTO ${table} (day, ${columns.join(', ')}) ${select}`,
  };
}

const SESSIONS_COLUMNS = [
  'session_id',
  'user_id',
  'platform',
  'first_at',
  'last_at',
  'events',
  'page_views',
  'landing_page',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'logged_in',
  'funnel',
];
const EVENTS_COLUMNS = [
  'event_type',
  'event_action',
  'platform',
  'events',
  'unique_users',
  'unique_sessions',
  'anonymous_events',
  'logged_in_events',
];
const CONTENT_COLUMNS = [
  'course_id',
  'class_id',
  'event_type',
  'event_action',
  'milestone',
  'events',
  'watch_seconds',
];

const BASE_ROLLUPS: Rollup[] = [
  copied(
    'sessions',
    'analytics_daily_sessions',
    SESSIONS_COLUMNS,
    // Ties on timestamp are broken by id (and funnel step), so a re-run picks the same first event.
    // `analytics_funnel_steps`: src/modules/analytics/sql/functions/login-funnel.sql.
    `SELECT session_id, max(user_id) AS user_id, max(platform) AS platform, min("timestamp") AS first_at,
        max("timestamp") AS last_at, count(*) AS events, count(*) FILTER (WHERE event_type = 'we_page_load') AS page_views,
        (array_agg(${PATH} ORDER BY "timestamp", id) FILTER (WHERE event_type = 'we_page_load' AND page IS NOT NULL))[1] AS landing_page,
        (${FIRST_UTM})[1][1] AS utm_source, (${FIRST_UTM})[1][2] AS utm_medium, (${FIRST_UTM})[1][3] AS utm_campaign,
        bool_or(is_logged_in) AS logged_in,
        coalesce(analytics_funnel_steps((step - 1)::smallint, step ORDER BY "timestamp", step) FILTER (WHERE step IS NOT NULL), '{0,1,2,3,4,5,6}') AS funnel
      FROM (SELECT *, (${FUNNEL_STEP})::smallint AS step FROM analytics_events WHERE ${DAY} AND session_id IS NOT NULL) e
      GROUP BY session_id`,
  ),
  {
    name: 'login_funnel',
    table: 'analytics_daily_login_funnel',
    // Sessions that reached each step: added up from the day's sessions per furthest step.
    insert: `INSERT INTO analytics_daily_login_funnel (day, step, sessions)
      SELECT $1::date, s.step, (SELECT coalesce(sum(f.sessions), 0) FROM analytics_daily_session_funnel f
                                WHERE f.day = $1::date AND f.step >= s.step)
      FROM generate_series(1, 7) AS s(step)`,
  },
  copied(
    'utm',
    'analytics_daily_utm',
    [
      'row_no',
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'session_id',
      'user_id',
      'events',
      'page_views',
      'logins',
      'logged_in_events',
      'registered',
      'first_at',
      'last_at',
    ],
    `SELECT ${ROW_NO} AS row_no, utm_source, utm_medium, utm_campaign, session_id, user_id, count(*) AS events,
        count(*) FILTER (WHERE event_type = 'we_page_load') AS page_views,
        count(*) FILTER (WHERE event_action = 'login_success') AS logins,
        count(*) FILTER (WHERE is_logged_in) AS logged_in_events,
        bool_or(event_action = 'login_success' AND custom_data -> 'new_user' = 'true') AS registered,
        min("timestamp") AS first_at, max("timestamp") AS last_at
      FROM analytics_events WHERE ${DAY}
      GROUP BY utm_source, utm_medium, utm_campaign, session_id, user_id`,
  ),
  {
    name: 'user_content',
    table: 'analytics_daily_user_content',
    insert: `INSERT INTO analytics_daily_user_content (day, row_no, user_id, course_id, module_id, class_id, event_type,
        event_action, events, first_at, last_at, watch_seconds, max_milestone)
      SELECT $1::date, ${ROW_NO}, user_id, course_id, module_id, class_id, event_type, event_action, count(*), min("timestamp"),
        max("timestamp"), coalesce(sum(watched), 0), max(milestone)
      FROM (SELECT user_id, course_id, class_id, event_type, event_action, "timestamp",
              left(custom_data ->> 'module_id', 64) AS module_id, ${MILESTONE} AS milestone, ${WATCHED} AS watched
            FROM analytics_events WHERE ${DAY} AND user_id IS NOT NULL AND ${CONTENT_EVENT}) e
      GROUP BY user_id, course_id, module_id, class_id, event_type, event_action`,
  },
  copied(
    'pages',
    'analytics_daily_pages',
    ['page', 'page_views', 'unique_sessions', 'unique_users', 'landings', 'bounces'],
    `SELECT path AS page, sum(n) FILTER (WHERE by_session) AS page_views,
        count(session_id) FILTER (WHERE by_session) AS unique_sessions, count(user_id) FILTER (WHERE NOT by_session) AS unique_users,
        0 AS landings, 0 AS bounces
      FROM (SELECT path, session_id, user_id, GROUPING(session_id) = 0 AS by_session, count(*) AS n
            FROM (SELECT ${PATH} AS path, session_id, user_id FROM analytics_events
                  WHERE ${DAY} AND event_type = 'we_page_load' AND page IS NOT NULL) e
            GROUP BY GROUPING SETS ((path, session_id), (path, user_id))) g
      GROUP BY path`,
    // Landings and bounces from the day's sessions (their landing page: first page view).
    `UPDATE analytics_daily_pages p SET landings = l.landings, bounces = l.bounces
      FROM (SELECT landing_page, count(*) AS landings, count(*) FILTER (WHERE page_views = 1) AS bounces
            FROM analytics_daily_sessions WHERE day = $1::date AND landing_page IS NOT NULL
            GROUP BY landing_page) l
      WHERE p.day = $1::date AND p.page = l.landing_page`,
  ),
  {
    // Per user, from the day's UTM aggregate: the user's rows (one or more per session they had).
    name: 'user_activity',
    table: 'analytics_daily_user_activity',
    insert: `INSERT INTO analytics_daily_user_activity (day, user_id, events, logged_in_events, sessions, page_views, logins,
        registered, first_at, last_at)
      SELECT $1::date, user_id, sum(events), sum(logged_in_events), count(session_id), sum(page_views), sum(logins),
        coalesce(bool_or(registered), false), min(first_at), max(last_at)
      FROM (SELECT user_id, session_id, sum(events) AS events, sum(logged_in_events) AS logged_in_events,
              sum(page_views) AS page_views, sum(logins) AS logins, bool_or(registered) AS registered,
              min(first_at) AS first_at, max(last_at) AS last_at
            FROM analytics_daily_utm WHERE day = $1::date AND user_id IS NOT NULL
            GROUP BY user_id, session_id) s
      GROUP BY user_id`,
  },
  copied(
    'events',
    'analytics_daily_events',
    EVENTS_COLUMNS,
    // Two scans, each with one hash table: the per-session pairs need no aggregate, which one
    // GROUPING SETS pass would compute for them anyway.
    // Anonymous events are the events of the NULL user's group.
    `SELECT event_type, event_action, platform, sum(n) AS events, count(user_id) AS unique_users,
        sum(sessions) AS unique_sessions, coalesce(sum(n) FILTER (WHERE anonymous), 0) AS anonymous_events,
        sum(logged_in) AS logged_in_events
      FROM (SELECT event_type, event_action, platform, user_id, user_id IS NULL AS anonymous, count(*) AS n,
              count(*) FILTER (WHERE is_logged_in) AS logged_in, NULL::bigint AS sessions
            FROM analytics_events WHERE ${DAY}
            GROUP BY event_type, event_action, platform, user_id
            UNION ALL
            SELECT event_type, event_action, platform, NULL, false, NULL, NULL, count(session_id)
            FROM (SELECT event_type, event_action, platform, session_id FROM analytics_events WHERE ${DAY}
                  GROUP BY event_type, event_action, platform, session_id) s
            GROUP BY event_type, event_action, platform) g
      GROUP BY event_type, event_action, platform`,
  ),
  copied(
    'content',
    'analytics_daily_content',
    CONTENT_COLUMNS,
    `SELECT course_id, class_id, event_type, event_action, milestone, count(*) AS events, coalesce(sum(watched), 0) AS watch_seconds
      FROM (SELECT course_id, class_id, event_type, event_action, ${MILESTONE} AS milestone, ${WATCHED} AS watched
            FROM analytics_events WHERE ${DAY} AND ${CONTENT_EVENT}) e
      GROUP BY course_id, class_id, event_type, event_action, milestone`,
  ),
];

/**
 * The order the writer runs them in (each after the aggregates it reads). First what the writer
 * computes from raw events itself (`user_content`) and what derives from it, while the reader
 * works; then the reader's aggregates in the order the reader delivers them (sessions and UTM
 * first: the chain members, the longest derived rollup, read UTM and the user activity added up
 * from it) and what derives from them.
 */
const WRITE_ORDER = [
  'user_content',
  'module_events',
  'user_firsts',
  'milestone_gaps',
  'sessions',
  'session_durations',
  'session_funnel',
  'login_funnel',
  'utm',
  'session_days',
  'session_landings',
  'campaigns',
  'user_activity',
  'chain_members',
  'chain_counts',
  'pages',
  'events',
  'content',
  'content_counts',
];

/** The base aggregates from raw events and the reports' aggregates derived from them, in write order. */
export const ROLLUPS: Rollup[] = WRITE_ORDER.map((name) => {
  const rollup = [...BASE_ROLLUPS, ...DERIVED_ROLLUPS].find((r) => r.name === name);
  if (!rollup) throw new Error(`rollup ${name} is not defined`);
  return rollup;
});
if (new Set(WRITE_ORDER).size !== BASE_ROLLUPS.length + DERIVED_ROLLUPS.length)
  throw new Error('WRITE_ORDER must list every rollup once');

export const ROLLUP_NAMES = ROLLUPS.map((r) => r.name);
