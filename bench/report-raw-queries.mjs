// bench:reports baseline: each report's question answered straight from the raw events over the same
// range ($1, $2: first and last UTC day), the way an analyst would write it (see
// test/fixtures/report-oracle.ts for the versions the tests compare against).

const RANGE = `"timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC' AND "timestamp" < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'`;
const PATH = `split_part(split_part(page, '?', 1), '#', 1)`;
const SESSIONS = `(SELECT session_id, max(platform) AS platform,
    (array_agg(utm_source ORDER BY "timestamp", id) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
    extract(epoch FROM max("timestamp") - min("timestamp")) AS seconds,
    (array_agg(${PATH} ORDER BY "timestamp", id) FILTER (WHERE event_type = 'we_page_load' AND page IS NOT NULL))[1] AS landing,
    count(*) FILTER (WHERE event_type = 'we_page_load') AS page_views, bool_or(event_action = 'login_success') AS converted
  FROM analytics_events WHERE ${RANGE} AND session_id IS NOT NULL GROUP BY session_id)`;
const FUNNEL_STEP = `CASE WHEN event_type = 'we_page_load' AND page LIKE '%/login%' THEN 1 WHEN event_action = 'login_button_clicked' THEN 2
  WHEN event_action = 'email_entered' THEN 3 WHEN event_action = 'otp_requested' THEN 4 WHEN event_action = 'otp_entered' THEN 5
  WHEN event_action = 'login_success' THEN 6 WHEN event_type = 'we_page_load' AND page LIKE '%/dashboard%' THEN 7 END`;

/** @type {Record<string, string[]>} */
export const RAW_QUERIES = {
  'engagement/active-users': [
    `SELECT ("timestamp" AT TIME ZONE 'UTC')::date AS day, count(DISTINCT user_id) FROM analytics_events
     WHERE ${RANGE} AND is_logged_in AND user_id IS NOT NULL GROUP BY 1`,
    `SELECT count(DISTINCT user_id) FROM analytics_events WHERE ${RANGE} AND is_logged_in AND user_id IS NOT NULL`,
  ],
  'engagement/session-durations': [
    `SELECT width_bucket(seconds, ARRAY[0,10,30,60,180,600,1800,3600]::numeric[]), count(*), sum(seconds) FROM ${SESSIONS} s GROUP BY 1`,
  ],
  'engagement/page-views': [
    `SELECT ${PATH}, count(*) FROM analytics_events WHERE ${RANGE} AND event_type = 'we_page_load' AND page IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 50`,
  ],
  'marketing/utm-performance': [
    `SELECT utm_source, utm_medium, utm_campaign, count(DISTINCT user_id), count(*), count(*) FILTER (WHERE event_type = 'we_page_load'),
       count(DISTINCT CASE WHEN event_action = 'login_success' THEN user_id END)
     FROM analytics_events WHERE ${RANGE} AND utm_source IS NOT NULL GROUP BY 1, 2, 3`,
    `SELECT count(DISTINCT user_id), count(DISTINCT CASE WHEN event_action = 'login_success' THEN user_id END)
     FROM analytics_events WHERE ${RANGE} AND utm_source IS NOT NULL`,
  ],
  'marketing/traffic-sources': [
    `SELECT coalesce(utm_source, 'Direct'), count(*), sum(page_views), count(*) FILTER (WHERE page_views = 1), count(*) FILTER (WHERE converted)
     FROM ${SESSIONS} s WHERE landing IS NOT NULL GROUP BY 1`,
  ],
  'marketing/landing-pages': [
    `SELECT landing, count(*), sum(page_views), count(*) FILTER (WHERE page_views = 1), count(*) FILTER (WHERE converted)
     FROM ${SESSIONS} s WHERE landing IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 50`,
  ],
  'content/top-classes': [
    `SELECT class_id, count(*) FILTER (WHERE event_type = 'we_page_load'), count(*) FILTER (WHERE event_action = 'class_started'),
       count(*) FILTER (WHERE event_action = 'class_completed') FROM analytics_events WHERE ${RANGE} AND class_id IS NOT NULL GROUP BY 1`,
  ],
  'content/video-completion': [
    `SELECT class_id, count(*) FILTER (WHERE event_action = 'class_started'), count(*) FILTER (WHERE event_action = 'video_progress'),
       count(*) FILTER (WHERE event_action = 'class_completed') FROM analytics_events
     WHERE ${RANGE} AND class_id IS NOT NULL AND event_action IN ('class_started', 'video_progress', 'class_completed') GROUP BY 1`,
  ],
  'content/contest-participation': [
    `SELECT class_id, count(*) FILTER (WHERE event_action = 'contest_started'), count(*) FILTER (WHERE event_action = 'contest_completed')
     FROM analytics_events WHERE ${RANGE} AND event_action IN ('contest_started', 'contest_completed') GROUP BY 1`,
  ],
  'journey/login-funnel': [
    `SELECT reached, count(*) FROM (SELECT session_id, (coalesce(analytics_funnel(step ORDER BY "timestamp", step)
       FILTER (WHERE step IS NOT NULL), '{0,1,2,3,4,5,6}'))[1] AS reached
     FROM (SELECT session_id, "timestamp", (${FUNNEL_STEP})::smallint AS step FROM analytics_events WHERE ${RANGE} AND session_id IS NOT NULL) e
     GROUP BY session_id) s GROUP BY 1`,
  ],
  'journey/course-discovery': [
    `SELECT course_id, count(*), count(DISTINCT user_id) FROM analytics_events WHERE ${RANGE} AND event_action = 'course_viewed' GROUP BY 1`,
    `SELECT count(*) FROM course_access a WHERE a.granted_at >= $1::date AND a.granted_at < $2::date + 1 AND EXISTS (
       SELECT 1 FROM analytics_events e WHERE e.event_action = 'course_viewed' AND e.user_id = a.user_id AND e.course_id = a.course_id
         AND e."timestamp" >= $1::date AND e."timestamp" < a.granted_at::date + 1)`,
  ],
  'journey/module-progression': [
    `SELECT custom_data ->> 'module_id', count(*) FILTER (WHERE event_action = 'module_started'), count(*) FILTER (WHERE event_action = 'module_completed')
     FROM analytics_events WHERE ${RANGE} AND user_id IS NOT NULL AND event_action IN ('module_started', 'module_completed') GROUP BY 1`,
  ],
  'journey/milestone-times': [
    `SELECT event_action, count(*) FROM (SELECT user_id, event_action, min("timestamp") AS first_at FROM analytics_events
       WHERE user_id IS NOT NULL AND event_action IN ('course_viewed', 'class_started', 'class_completed', 'module_completed') GROUP BY 1, 2) f
     WHERE first_at >= $1::date AND first_at < $2::date + 1 GROUP BY 1`,
  ],
};
