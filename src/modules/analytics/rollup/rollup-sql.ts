import { DERIVED_ROLLUPS } from './derived-rollup-sql.js';

/**
 * The daily rollups. Every statement reads one UTC day only (`$1`, a date), so PostgreSQL reads
 * that day's partition and nothing else.
 * They run in order in one transaction per day, after deleting the day's previous rows: a re-run
 * replaces the day, and a crash leaves the previous version. `sessions` comes before `pages` and
 * `login_funnel`, which read it.
 */
export interface Rollup {
  name: string;
  table: string;
  insert: string;
}

const DAY = `"timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'`;

/** Page path without query string or fragment: `/courses?utm_source=x` counts as `/courses`. */
const PATH = `split_part(split_part(page, '?', 1), '#', 1)`;

/** Number from custom_data only when it is a JSON number in range (clients send anything). */
const jsonNumber = (key: string, max: number) =>
  `CASE WHEN jsonb_typeof(custom_data -> '${key}') = 'number' THEN
     CASE WHEN (custom_data -> '${key}')::numeric BETWEEN 0 AND ${max} THEN round((custom_data -> '${key}')::numeric) END END`;

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

const BASE_ROLLUPS: Rollup[] = [
  {
    name: 'events',
    table: 'analytics_daily_events',
    insert: `INSERT INTO analytics_daily_events (day, event_type, event_action, platform, events, unique_users,
        unique_sessions, anonymous_events, logged_in_events)
      SELECT $1::date, event_type, event_action, platform, count(*), count(DISTINCT user_id),
        count(DISTINCT session_id), count(*) FILTER (WHERE user_id IS NULL), count(*) FILTER (WHERE is_logged_in)
      FROM analytics_events WHERE ${DAY}
      GROUP BY event_type, event_action, platform`,
  },
  {
    name: 'sessions',
    table: 'analytics_daily_sessions',
    // Ties on timestamp are broken by id (and funnel step), so a re-run picks the same first event.
    insert: `INSERT INTO analytics_daily_sessions (day, session_id, user_id, platform, first_at, last_at, events,
        page_views, landing_page, utm_source, utm_medium, utm_campaign, logged_in, funnel)
      SELECT $1::date, session_id, max(user_id), max(platform), min("timestamp"), max("timestamp"), count(*),
        count(*) FILTER (WHERE event_type = 'we_page_load'),
        (array_agg(${PATH} ORDER BY "timestamp", id) FILTER (WHERE event_type = 'we_page_load' AND page IS NOT NULL))[1],
        (array_agg(utm_source ORDER BY "timestamp", id) FILTER (WHERE utm_source IS NOT NULL))[1],
        (array_agg(utm_medium ORDER BY "timestamp", id) FILTER (WHERE utm_source IS NOT NULL))[1],
        (array_agg(utm_campaign ORDER BY "timestamp", id) FILTER (WHERE utm_source IS NOT NULL))[1],
        bool_or(is_logged_in),
        coalesce(analytics_funnel(step ORDER BY "timestamp", step) FILTER (WHERE step IS NOT NULL), '{0,1,2,3,4,5,6}')
      FROM (SELECT *, (${FUNNEL_STEP})::smallint AS step FROM analytics_events WHERE ${DAY} AND session_id IS NOT NULL) e
      GROUP BY session_id`,
  },
  {
    name: 'login_funnel',
    table: 'analytics_daily_login_funnel',
    insert: `INSERT INTO analytics_daily_login_funnel (day, step, sessions)
      SELECT $1::date, step, (SELECT count(*) FROM analytics_daily_sessions s WHERE s.day = $1::date AND s.funnel[1] >= step)
      FROM generate_series(1, 7) AS step`,
  },
  {
    name: 'pages',
    table: 'analytics_daily_pages',
    insert: `INSERT INTO analytics_daily_pages (day, page, page_views, unique_sessions, unique_users, landings, bounces)
      SELECT $1::date, v.path, v.views, v.sessions, v.users, coalesce(l.landings, 0), coalesce(l.bounces, 0)
      FROM (
        SELECT ${PATH} AS path, count(*) AS views, count(DISTINCT session_id) AS sessions, count(DISTINCT user_id) AS users
        FROM analytics_events WHERE ${DAY} AND event_type = 'we_page_load' AND page IS NOT NULL
        GROUP BY 1
      ) v
      LEFT JOIN (
        SELECT landing_page, count(*) AS landings, count(*) FILTER (WHERE page_views = 1) AS bounces
        FROM analytics_daily_sessions WHERE day = $1::date AND landing_page IS NOT NULL
        GROUP BY landing_page
      ) l ON l.landing_page = v.path`,
  },
  {
    name: 'utm',
    table: 'analytics_daily_utm',
    insert: `INSERT INTO analytics_daily_utm (day, utm_source, utm_medium, utm_campaign, session_id, user_id, events,
        page_views, logins)
      SELECT $1::date, utm_source, utm_medium, utm_campaign, session_id, user_id, count(*),
        count(*) FILTER (WHERE event_type = 'we_page_load'), count(*) FILTER (WHERE event_action = 'login_success')
      FROM analytics_events WHERE ${DAY}
      GROUP BY utm_source, utm_medium, utm_campaign, session_id, user_id`,
  },
  {
    name: 'content',
    table: 'analytics_daily_content',
    insert: `INSERT INTO analytics_daily_content (day, course_id, class_id, event_type, event_action, milestone, events,
        unique_users, unique_sessions, watch_seconds)
      SELECT $1::date, course_id, class_id, event_type, event_action, milestone, count(*), count(DISTINCT user_id),
        count(DISTINCT session_id), coalesce(sum(watched), 0)
      FROM (SELECT course_id, class_id, event_type, event_action, user_id, session_id,
              (${jsonNumber('milestone', 100)})::smallint AS milestone,
              (${jsonNumber('watched_seconds', 10_000_000)})::bigint AS watched
            FROM analytics_events WHERE ${DAY} AND ${CONTENT_EVENT}) e
      GROUP BY course_id, class_id, event_type, event_action, milestone`,
  },
  {
    name: 'user_content',
    table: 'analytics_daily_user_content',
    insert: `INSERT INTO analytics_daily_user_content (day, user_id, course_id, module_id, class_id, event_type,
        event_action, events, first_at, last_at, watch_seconds, max_milestone)
      SELECT $1::date, user_id, course_id, module_id, class_id, event_type, event_action, count(*), min("timestamp"),
        max("timestamp"), coalesce(sum(watched), 0), max(milestone)
      FROM (SELECT user_id, course_id, class_id, event_type, event_action, "timestamp",
              left(custom_data ->> 'module_id', 64) AS module_id,
              (${jsonNumber('milestone', 100)})::smallint AS milestone,
              (${jsonNumber('watched_seconds', 10_000_000)})::bigint AS watched
            FROM analytics_events WHERE ${DAY} AND user_id IS NOT NULL AND ${CONTENT_EVENT}) e
      GROUP BY user_id, course_id, module_id, class_id, event_type, event_action`,
  },
  {
    name: 'user_activity',
    table: 'analytics_daily_user_activity',
    insert: `INSERT INTO analytics_daily_user_activity (day, user_id, events, logged_in_events, sessions, page_views,
        logins, registered, first_at, last_at)
      SELECT $1::date, user_id, count(*), count(*) FILTER (WHERE is_logged_in), count(DISTINCT session_id),
        count(*) FILTER (WHERE event_type = 'we_page_load'), count(*) FILTER (WHERE event_action = 'login_success'),
        coalesce(bool_or(event_action = 'login_success' AND custom_data -> 'new_user' = 'true'), false),
        min("timestamp"), max("timestamp")
      FROM analytics_events WHERE ${DAY} AND user_id IS NOT NULL
      GROUP BY user_id`,
  },
];

/** The base aggregates from raw events, then the reports' aggregates derived from them. */
export const ROLLUPS: Rollup[] = [...BASE_ROLLUPS, ...DERIVED_ROLLUPS];

export const ROLLUP_NAMES = ROLLUPS.map((r) => r.name);
