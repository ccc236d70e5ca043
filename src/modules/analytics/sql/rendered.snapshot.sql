-- The analytics SQL as it runs, rendered from src/modules/analytics/sql/ and its manifest
-- (rollup/rollup-manifest.ts). Generated: do not edit. test/analytics-sql.e2e-spec.ts fails when
-- it is stale; update it with
--   UPDATE_SQL_SNAPSHOT=1 NODE_OPTIONS=--experimental-vm-modules npx jest test/analytics-sql.e2e-spec.ts
-- and review its diff: every change of a query shows here.
--
-- The daily rollup, in write order:
--   user_content: writes analytics_daily_user_content; reads analytics_events; writer; version 1ca296143890e0ed
--   module_events: writes analytics_daily_module_events; reads analytics_daily_user_content; writer; version ab8a2e3d5398d7ec
--   user_firsts: writes analytics_daily_user_firsts; reads analytics_daily_user_content; writer; reads earlier days of its own table; version 1253470332dae464
--   milestone_gaps: writes analytics_daily_milestone_gaps; reads analytics_daily_user_firsts; writer; version d6f772939d65c938
--   sessions: writes analytics_daily_sessions; reads analytics_events; snapshot-reader; version 6ef3fd13dd938d2d
--   session_durations: writes analytics_daily_session_durations; reads analytics_daily_sessions; writer; version 85028f246b4674f8
--   session_funnel: writes analytics_daily_session_funnel; reads analytics_daily_sessions; writer; version d61dce193df00db6
--   login_funnel: writes analytics_daily_login_funnel; reads analytics_daily_session_funnel; writer; version a5f5765c45b2403f
--   utm: writes analytics_daily_utm; reads analytics_events; snapshot-reader; version ce33ae2cee52c809
--   session_days: writes analytics_daily_session_days; reads analytics_daily_sessions, analytics_daily_utm; writer; reads earlier days of its own table; version 1fd8c4d2b7164e95
--   session_landings: writes analytics_daily_session_landings; reads analytics_daily_sessions, analytics_daily_utm; writer; version fbfe696d9c390e27
--   campaigns: writes analytics_daily_campaigns; reads analytics_daily_utm; writer; version efbe908668d1f4f0
--   user_activity: writes analytics_daily_user_activity; reads analytics_daily_utm; writer; version 520533cfc930384d
--   chain_members: writes analytics_daily_chain_members; reads analytics_daily_user_activity, analytics_daily_utm, analytics_daily_user_content; writer; reads earlier days of its own table; version 699f4309d94103af
--   chain_counts: writes analytics_daily_chain_counts; reads analytics_daily_chain_members; writer; reads earlier days of its own table; version 0f46bf4ae7b9af5c
--   pages: writes analytics_daily_pages; reads analytics_events, analytics_daily_sessions; snapshot-reader; version 68d8c5c5b5777f8b
--   events: writes analytics_daily_events; reads analytics_events; snapshot-reader; version 085ec78ca9a01a05
--   content: writes analytics_daily_content; reads analytics_events; snapshot-reader; version 760fb8edb1d94ed3
--   content_counts: writes analytics_daily_content_counts; reads analytics_daily_content; writer; version 5d22cc871be97a4e

-- user_content: insert (writer)
INSERT INTO analytics_daily_user_content (day, row_no, user_id, course_id, module_id, class_id, event_type,
        event_action, events, first_at, last_at, watch_seconds, max_milestone)
      SELECT $1::date, row_number() OVER (), user_id, course_id, module_id, class_id, event_type, event_action, count(*), min("timestamp"),
        max("timestamp"), coalesce(sum(watched), 0), max(milestone)
      FROM (SELECT user_id, course_id, class_id, event_type, event_action, "timestamp",
              left(custom_data ->> 'module_id', 64) AS module_id, (CASE WHEN jsonb_typeof(custom_data -> 'milestone') = 'number' THEN
     CASE WHEN (custom_data -> 'milestone')::numeric BETWEEN 0 AND 100 THEN round((custom_data -> 'milestone')::numeric) END END)::smallint AS milestone, (CASE WHEN jsonb_typeof(custom_data -> 'watched_seconds') = 'number' THEN
     CASE WHEN (custom_data -> 'watched_seconds')::numeric BETWEEN 0 AND 10000000 THEN round((custom_data -> 'watched_seconds')::numeric) END END)::int AS watched
            FROM analytics_events WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC' AND user_id IS NOT NULL AND (course_id IS NOT NULL OR class_id IS NOT NULL
  OR event_type IN ('course_event', 'class_event', 'video_event', 'contest_event'))) e
      GROUP BY user_id, course_id, module_id, class_id, event_type, event_action;

-- module_events: insert (writer)
INSERT INTO analytics_daily_module_events (day, course_id, module_id, event_action, events)
      SELECT $1::date, course_id, module_id, event_action, sum(events)
      FROM analytics_daily_user_content
      WHERE day = $1::date AND event_action IN ('module_started', 'module_completed') AND module_id IS NOT NULL
      GROUP BY 2, 3, 4;

-- user_firsts: insert (writer)
INSERT INTO analytics_daily_user_firsts (day, user_id, milestone, first_at, prev_first_at)
      SELECT $1::date, u.user_id, m.milestone, m.first_at, least(m.prev_same_day,
        (SELECT h.first_at FROM analytics_daily_user_firsts h WHERE h.user_id = u.user_id AND h.milestone = m.prev_milestone))
      FROM (SELECT user_id, min(first_at) FILTER (WHERE event_action = 'course_viewed') AS course_viewed, min(first_at) FILTER (WHERE event_action = 'class_started') AS class_started, min(first_at) FILTER (WHERE event_action = 'class_completed') AS class_completed, min(first_at) FILTER (WHERE event_action = 'module_completed') AS module_completed
    FROM analytics_daily_user_content
    WHERE day = $1::date AND event_action IN ('course_viewed', 'class_started', 'class_completed', 'module_completed')
    GROUP BY user_id ORDER BY user_id) u
  CROSS JOIN LATERAL (VALUES ('course_viewed', u.course_viewed, NULL, NULL::timestamptz), ('class_started', u.class_started, 'course_viewed', u.course_viewed), ('class_completed', u.class_completed, 'class_started', u.class_started), ('module_completed', u.module_completed, 'class_completed', u.class_completed))
    AS m(milestone, first_at, prev_milestone, prev_same_day)
      WHERE m.first_at IS NOT NULL
      ON CONFLICT (user_id, milestone) DO UPDATE SET day = excluded.day, first_at = excluded.first_at, prev_first_at = excluded.prev_first_at
        WHERE excluded.first_at < analytics_daily_user_firsts.first_at;

-- milestone_gaps: insert (writer)
WITH stale AS (
        SELECT g.day FROM (SELECT day, milestone, sum(reached) AS n FROM analytics_daily_milestone_gaps
                           WHERE day > $1::date GROUP BY 1, 2) g
        LEFT JOIN (SELECT day, milestone, count(*) AS n FROM analytics_daily_user_firsts
                   WHERE day > $1::date AND milestone <> 'course_viewed' GROUP BY 1, 2) f USING (day, milestone)
        WHERE f.n IS DISTINCT FROM g.n),
      cleared AS (DELETE FROM analytics_daily_milestone_gaps WHERE day IN (SELECT day FROM stale))
      INSERT INTO analytics_daily_milestone_gaps (day, milestone, bucket, reached, sum_ms, gaps, counts)
      SELECT d.day, r.* FROM (SELECT $1::date AS day UNION SELECT day FROM stale) d
      CROSS JOIN LATERAL (SELECT milestone, bucket, sum(n)::int AS reached,
    coalesce(sum(total), 0) AS sum_ms,
    coalesce(array_agg(ms ORDER BY ms) FILTER (WHERE bucket > 0), '{}') AS gaps,
    coalesce(array_agg(n ORDER BY ms) FILTER (WHERE bucket > 0), '{}') AS counts
  FROM (SELECT milestone, coalesce(width_bucket(ms::float8, ARRAY[0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 15, 18, 23, 28, 36, 44, 56, 69, 87, 108, 136, 169, 212, 265, 331, 414, 517, 646, 808, 1010, 1262, 1578, 1972, 2465, 3081, 3852, 4815, 6019, 7523, 9404, 11755, 14694, 18367, 22959, 28699, 35873, 44842, 56052, 70065, 87581, 109476, 136846, 171057, 213821, 267276, 334096, 417619, 522024, 652530, 815663, 1019579, 1274474, 1593092, 1991365, 2489206, 3111508, 3889385, 4861731, 6077163, 7596454, 9495568, 11869460, 14836825, 18546031, 23182538, 28978173, 36222716, 45278395, 56597994, 70747493, 88434366, 110542958, 138178697, 172723371, 215904214, 269880267, 337350334, 421687918, 527109897, 658887371, 823609214, 1029511518, 1286889397, 1608611747, 2010764683, 2513455854, 3141819818, 3927274772, 4909093465, 6136366832, 7670458540, 9588073174, 11985091468, 14981364335, 18726705419, 23408381773, 29260477217, 36575596521, 45719495651, 57149369564, 71436711955, 89295889944, 111619862430, 139524828037, 174406035047, 218007543808, 272509429761, 340636787201]::float8[]), 0)::smallint AS bucket,
          ms::float8 AS ms, count(*)::int AS n, sum(ms) AS total
        FROM (SELECT milestone, CASE WHEN prev_first_at <= first_at THEN extract(epoch FROM first_at - prev_first_at) * 1000 END AS ms
              FROM (SELECT * FROM analytics_daily_user_firsts f WHERE f.day = d.day) s WHERE milestone <> 'course_viewed') g
        GROUP BY 1, 2, 3) v
  GROUP BY 1, 2) r;

-- sessions: select (snapshot-reader, COPY: the day written in)
SELECT '2026-01-15'::date::date AS day, session_id, user_id, platform, first_at, last_at, events, page_views, landing_page, utm_source, utm_medium, utm_campaign, logged_in, funnel FROM (SELECT session_id, max(user_id) AS user_id, max(platform) AS platform, min("timestamp") AS first_at,
        max("timestamp") AS last_at, count(*) AS events, count(*) FILTER (WHERE event_type = 'we_page_load') AS page_views,
        (array_agg(split_part(split_part(page, '?', 1), '#', 1) ORDER BY "timestamp", id) FILTER (WHERE event_type = 'we_page_load' AND page IS NOT NULL))[1] AS landing_page,
        (array_agg(ARRAY[utm_source, utm_medium, utm_campaign] ORDER BY "timestamp", id) FILTER (WHERE utm_source IS NOT NULL))[1][1] AS utm_source, (array_agg(ARRAY[utm_source, utm_medium, utm_campaign] ORDER BY "timestamp", id) FILTER (WHERE utm_source IS NOT NULL))[1][2] AS utm_medium, (array_agg(ARRAY[utm_source, utm_medium, utm_campaign] ORDER BY "timestamp", id) FILTER (WHERE utm_source IS NOT NULL))[1][3] AS utm_campaign,
        bool_or(is_logged_in) AS logged_in,
        coalesce(analytics_funnel_steps((step - 1)::smallint, step ORDER BY "timestamp", step) FILTER (WHERE step IS NOT NULL), '{0,1,2,3,4,5,6}') AS funnel
      FROM (SELECT *, (CASE
  WHEN event_type = 'we_page_load' AND page LIKE '%/login%' THEN 1
  WHEN event_action = 'login_button_clicked' THEN 2
  WHEN event_action = 'email_entered' THEN 3
  WHEN event_action = 'otp_requested' THEN 4
  WHEN event_action = 'otp_entered' THEN 5
  WHEN event_action = 'login_success' THEN 6
  WHEN event_type = 'we_page_load' AND page LIKE '%/dashboard%' THEN 7 END)::smallint AS step FROM analytics_events WHERE "timestamp" >= '2026-01-15'::date::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ('2026-01-15'::date::date + 1)::timestamp AT TIME ZONE 'UTC' AND session_id IS NOT NULL) e
      GROUP BY session_id) r;

-- session_durations: insert (writer)
INSERT INTO analytics_daily_session_durations (day, platform, utm_source, bucket, sessions, seconds)
      SELECT $1::date, platform, utm_source, width_bucket(seconds, ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, count(*), sum(seconds)
      FROM (SELECT platform, utm_source, extract(epoch FROM last_at - first_at) AS seconds
            FROM analytics_daily_sessions WHERE day = $1::date) s
      GROUP BY 2, 3, 4;

-- session_funnel: insert (writer)
INSERT INTO analytics_daily_session_funnel (day, platform, utm_source, step, sessions)
      SELECT $1::date, platform, utm_source, funnel[1], count(*)
      FROM analytics_daily_sessions WHERE day = $1::date
      GROUP BY 2, 3, 4;

-- login_funnel: insert (writer)
INSERT INTO analytics_daily_login_funnel (day, step, sessions)
      SELECT $1::date, s.step, (SELECT coalesce(sum(f.sessions), 0) FROM analytics_daily_session_funnel f
                                WHERE f.day = $1::date AND f.step >= s.step)
      FROM generate_series(1, 7) AS s(step);

-- utm: select (snapshot-reader, COPY: the day written in)
SELECT '2026-01-15'::date::date AS day, row_no, utm_source, utm_medium, utm_campaign, session_id, user_id, events, page_views, logins, logged_in_events, registered, first_at, last_at FROM (SELECT row_number() OVER () AS row_no, utm_source, utm_medium, utm_campaign, session_id, user_id, count(*) AS events,
        count(*) FILTER (WHERE event_type = 'we_page_load') AS page_views,
        count(*) FILTER (WHERE event_action = 'login_success') AS logins,
        count(*) FILTER (WHERE is_logged_in) AS logged_in_events,
        bool_or(event_action = 'login_success' AND custom_data -> 'new_user' = 'true') AS registered,
        min("timestamp") AS first_at, max("timestamp") AS last_at
      FROM analytics_events WHERE "timestamp" >= '2026-01-15'::date::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ('2026-01-15'::date::date + 1)::timestamp AT TIME ZONE 'UTC'
      GROUP BY utm_source, utm_medium, utm_campaign, session_id, user_id) r;

-- session_days: insert (writer)
INSERT INTO analytics_daily_session_days (day, session_id, prev_day, converted)
      SELECT $1::date, s.session_id, p.day, s.converted
      FROM (SELECT * FROM (SELECT session_id, max(platform) AS platform, max(utm_source) AS utm_source,
    max(landing_page) AS landing_page, max(page_views) AS page_views, bool_or(converted) AS converted
  FROM (SELECT session_id, platform, utm_source, landing_page, page_views, false AS converted, true AS present
        FROM analytics_daily_sessions WHERE day = $1::date
        UNION ALL
        SELECT session_id, NULL, NULL, NULL, NULL, true, false
        FROM analytics_daily_utm WHERE day = $1::date AND session_id IS NOT NULL AND logins > 0) x
  GROUP BY session_id HAVING bool_or(present)) x ORDER BY session_id) s
      LEFT JOIN LATERAL (SELECT h.day FROM analytics_daily_session_days h
        WHERE h.session_id = s.session_id AND h.day < $1::date ORDER BY h.day DESC LIMIT 1) p ON true;

-- session_landings: insert (writer)
INSERT INTO analytics_daily_session_landings (day, platform, utm_source, landing_page, sessions,
        bounces, conversions, page_views)
      SELECT $1::date, platform, utm_source, landing_page, count(*), count(*) FILTER (WHERE page_views = 1),
        count(*) FILTER (WHERE converted), sum(page_views)
      FROM (SELECT session_id, max(platform) AS platform, max(utm_source) AS utm_source,
    max(landing_page) AS landing_page, max(page_views) AS page_views, bool_or(converted) AS converted
  FROM (SELECT session_id, platform, utm_source, landing_page, page_views, false AS converted, true AS present
        FROM analytics_daily_sessions WHERE day = $1::date
        UNION ALL
        SELECT session_id, NULL, NULL, NULL, NULL, true, false
        FROM analytics_daily_utm WHERE day = $1::date AND session_id IS NOT NULL AND logins > 0) x
  GROUP BY session_id HAVING bool_or(present)) s
      GROUP BY 2, 3, 4;

-- campaigns: insert (writer)
INSERT INTO analytics_daily_campaigns (day, utm_source, utm_medium, utm_campaign, events, page_views, logins)
      SELECT $1::date, utm_source, utm_medium, utm_campaign, sum(events), sum(page_views), sum(logins)
      FROM analytics_daily_utm WHERE day = $1::date
      GROUP BY 2, 3, 4;

-- user_activity: insert (writer)
INSERT INTO analytics_daily_user_activity (day, user_id, events, logged_in_events, sessions, page_views, logins,
        registered, first_at, last_at)
      SELECT $1::date, user_id, sum(events), sum(logged_in_events), count(session_id), sum(page_views), sum(logins),
        coalesce(bool_or(registered), false), min(first_at), max(last_at)
      FROM (SELECT user_id, session_id, sum(events) AS events, sum(logged_in_events) AS logged_in_events,
              sum(page_views) AS page_views, sum(logins) AS logins, bool_or(registered) AS registered,
              min(first_at) AS first_at, max(last_at) AS last_at
            FROM analytics_daily_utm WHERE day = $1::date AND user_id IS NOT NULL
            GROUP BY user_id, session_id) s
      GROUP BY user_id;

-- chain_members: insert (writer)
INSERT INTO analytics_daily_chain_members (day, metric, keys, member, prev_day)
      SELECT $1::date, c.metric, c.keys, c.member, p.day
      FROM (SELECT * FROM (SELECT c.metric, c.keys, c.member FROM (SELECT 'active_users'::text AS metric, '{}'::text[] AS keys, user_id AS member
      FROM analytics_daily_user_activity WHERE day = $1::date AND logged_in_events > 0) c
UNION ALL
SELECT c.metric, c.keys, c.member FROM (SELECT m.metric, m.keys, g.user_id AS member
  FROM (SELECT utm_source, utm_medium, utm_campaign, user_id, sum(logins) > 0 AS converted,
          GROUPING(utm_source, utm_medium, utm_campaign) AS level
        FROM analytics_daily_utm WHERE day = $1::date AND utm_source IS NOT NULL AND user_id IS NOT NULL
        GROUP BY GROUPING SETS ((utm_source, utm_medium, utm_campaign, user_id), (utm_source, user_id), (user_id))) g
  CROSS JOIN LATERAL (SELECT CASE level WHEN 0 THEN 'utm_users' WHEN 3 THEN 'utm_users_by_source' WHEN 7 THEN 'utm_users_total' END, CASE level WHEN 0 THEN ARRAY[utm_source, utm_medium, utm_campaign] WHEN 3 THEN ARRAY[utm_source] WHEN 7 THEN '{}'::text[] END
                      UNION ALL
                      SELECT CASE level WHEN 0 THEN 'utm_converters' WHEN 3 THEN 'utm_converters_by_source' WHEN 7 THEN 'utm_converters_total' END, CASE level WHEN 0 THEN ARRAY[utm_source, utm_medium, utm_campaign] WHEN 3 THEN ARRAY[utm_source] WHEN 7 THEN '{}'::text[] END WHERE g.converted) m(metric, keys)) c
UNION ALL
SELECT c.metric, c.keys, c.member FROM (SELECT CASE GROUPING(course_id) WHEN 0 THEN 'course_viewers' ELSE 'course_viewers_total' END AS metric,
    CASE GROUPING(course_id) WHEN 0 THEN ARRAY[course_id] ELSE '{}'::text[] END AS keys, user_id AS member
  FROM analytics_daily_user_content WHERE day = $1::date AND event_action = 'course_viewed' AND course_id IS NOT NULL
  GROUP BY GROUPING SETS ((course_id, user_id), (user_id))) c) u ORDER BY metric, member, keys) c
      LEFT JOIN LATERAL (SELECT h.day FROM analytics_daily_chain_members h
        WHERE h.metric = c.metric AND h.member = c.member AND h.keys = c.keys AND h.day < $1::date
        ORDER BY h.day DESC LIMIT 1) p ON true;

-- chain_counts: insert (writer)
INSERT INTO analytics_daily_chain_counts (day, metric, keys, gap_days, members)
      SELECT $1::date, metric, keys, CASE WHEN prev_day >= $1::date - 731 THEN $1::date - prev_day END, count(*)
      FROM analytics_daily_chain_members WHERE day = $1::date
      GROUP BY 2, 3, 4;

-- pages: select (snapshot-reader, COPY: the day written in)
SELECT '2026-01-15'::date::date AS day, page, page_views, unique_sessions, unique_users, landings, bounces FROM (SELECT path AS page, sum(n) FILTER (WHERE by_session) AS page_views,
        count(session_id) FILTER (WHERE by_session) AS unique_sessions, count(user_id) FILTER (WHERE NOT by_session) AS unique_users,
        0 AS landings, 0 AS bounces
      FROM (SELECT path, session_id, user_id, GROUPING(session_id) = 0 AS by_session, count(*) AS n
            FROM (SELECT split_part(split_part(page, '?', 1), '#', 1) AS path, session_id, user_id FROM analytics_events
                  WHERE "timestamp" >= '2026-01-15'::date::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ('2026-01-15'::date::date + 1)::timestamp AT TIME ZONE 'UTC' AND event_type = 'we_page_load' AND page IS NOT NULL) e
            GROUP BY GROUPING SETS ((path, session_id), (path, user_id))) g
      GROUP BY path) r;

-- pages: then (writer)
UPDATE analytics_daily_pages p SET landings = l.landings, bounces = l.bounces
      FROM (SELECT landing_page, count(*) AS landings, count(*) FILTER (WHERE page_views = 1) AS bounces
            FROM analytics_daily_sessions WHERE day = $1::date AND landing_page IS NOT NULL
            GROUP BY landing_page) l
      WHERE p.day = $1::date AND p.page = l.landing_page;

-- events: select (snapshot-reader, COPY: the day written in)
SELECT '2026-01-15'::date::date AS day, event_type, event_action, platform, events, unique_users, unique_sessions, anonymous_events, logged_in_events FROM (SELECT event_type, event_action, platform, sum(n) AS events, count(user_id) AS unique_users,
        sum(sessions) AS unique_sessions, coalesce(sum(n) FILTER (WHERE anonymous), 0) AS anonymous_events,
        sum(logged_in) AS logged_in_events
      FROM (SELECT event_type, event_action, platform, user_id, user_id IS NULL AS anonymous, count(*) AS n,
              count(*) FILTER (WHERE is_logged_in) AS logged_in, NULL::bigint AS sessions
            FROM analytics_events WHERE "timestamp" >= '2026-01-15'::date::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ('2026-01-15'::date::date + 1)::timestamp AT TIME ZONE 'UTC'
            GROUP BY event_type, event_action, platform, user_id
            UNION ALL
            SELECT event_type, event_action, platform, NULL, false, NULL, NULL, count(session_id)
            FROM (SELECT event_type, event_action, platform, session_id FROM analytics_events WHERE "timestamp" >= '2026-01-15'::date::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ('2026-01-15'::date::date + 1)::timestamp AT TIME ZONE 'UTC'
                  GROUP BY event_type, event_action, platform, session_id) s
            GROUP BY event_type, event_action, platform) g
      GROUP BY event_type, event_action, platform) r;

-- content: select (snapshot-reader, COPY: the day written in)
SELECT '2026-01-15'::date::date AS day, course_id, class_id, event_type, event_action, milestone, events, watch_seconds FROM (SELECT course_id, class_id, event_type, event_action, milestone, count(*) AS events, coalesce(sum(watched), 0) AS watch_seconds
      FROM (SELECT course_id, class_id, event_type, event_action, (CASE WHEN jsonb_typeof(custom_data -> 'milestone') = 'number' THEN
     CASE WHEN (custom_data -> 'milestone')::numeric BETWEEN 0 AND 100 THEN round((custom_data -> 'milestone')::numeric) END END)::smallint AS milestone, (CASE WHEN jsonb_typeof(custom_data -> 'watched_seconds') = 'number' THEN
     CASE WHEN (custom_data -> 'watched_seconds')::numeric BETWEEN 0 AND 10000000 THEN round((custom_data -> 'watched_seconds')::numeric) END END)::int AS watched
            FROM analytics_events WHERE "timestamp" >= '2026-01-15'::date::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ('2026-01-15'::date::date + 1)::timestamp AT TIME ZONE 'UTC' AND (course_id IS NOT NULL OR class_id IS NOT NULL
  OR event_type IN ('course_event', 'class_event', 'video_event', 'contest_event'))) e
      GROUP BY course_id, class_id, event_type, event_action, milestone) r;

-- content_counts: insert (writer)
INSERT INTO analytics_daily_content_counts (day, course_id, class_id, page_views, course_views, class_starts, class_completions, reached25, reached50, reached75, contest_starts, contest_completions, video_events, contest_events)
      SELECT $1::date, course_id, class_id,
        coalesce(sum(events) FILTER (WHERE event_type = 'we_page_load'), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'course_viewed'), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'class_started'), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'class_completed'), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'video_progress' AND milestone = 25), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'video_progress' AND milestone = 50), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'video_progress' AND milestone = 75), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'contest_started'), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'contest_completed'), 0),
        coalesce(sum(events) FILTER (WHERE event_type = 'video_event'), 0),
        coalesce(sum(events) FILTER (WHERE event_type = 'contest_event'), 0)
      FROM analytics_daily_content WHERE day = $1::date
      GROUP BY course_id, class_id;

-- user_content: insert (report reader, live day)
INSERT INTO pg_temp.analytics_daily_user_content (day, row_no, user_id, course_id, module_id, class_id, event_type,
        event_action, events, first_at, last_at, watch_seconds, max_milestone)
      SELECT $1::date, row_number() OVER (), user_id, course_id, module_id, class_id, event_type, event_action, count(*), min("timestamp"),
        max("timestamp"), coalesce(sum(watched), 0), max(milestone)
      FROM (SELECT user_id, course_id, class_id, event_type, event_action, "timestamp",
              left(custom_data ->> 'module_id', 64) AS module_id, (CASE WHEN jsonb_typeof(custom_data -> 'milestone') = 'number' THEN
     CASE WHEN (custom_data -> 'milestone')::numeric BETWEEN 0 AND 100 THEN round((custom_data -> 'milestone')::numeric) END END)::smallint AS milestone, (CASE WHEN jsonb_typeof(custom_data -> 'watched_seconds') = 'number' THEN
     CASE WHEN (custom_data -> 'watched_seconds')::numeric BETWEEN 0 AND 10000000 THEN round((custom_data -> 'watched_seconds')::numeric) END END)::int AS watched
            FROM analytics_events WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC' AND user_id IS NOT NULL AND (course_id IS NOT NULL OR class_id IS NOT NULL
  OR event_type IN ('course_event', 'class_event', 'video_event', 'contest_event'))) e
      GROUP BY user_id, course_id, module_id, class_id, event_type, event_action;

-- module_events: insert (report reader, live day)
INSERT INTO pg_temp.analytics_daily_module_events (day, course_id, module_id, event_action, events)
      SELECT $1::date, course_id, module_id, event_action, sum(events)
      FROM pg_temp.analytics_daily_user_content
      WHERE day = $1::date AND event_action IN ('module_started', 'module_completed') AND module_id IS NOT NULL
      GROUP BY 2, 3, 4;

-- milestone_gaps: insert (report reader, live day)
WITH stale AS (
        SELECT g.day FROM (SELECT day, milestone, sum(reached) AS n FROM pg_temp.analytics_daily_milestone_gaps
                           WHERE day > $1::date GROUP BY 1, 2) g
        LEFT JOIN (SELECT day, milestone, count(*) AS n FROM pg_temp.analytics_daily_user_firsts
                   WHERE day > $1::date AND milestone <> 'course_viewed' GROUP BY 1, 2) f USING (day, milestone)
        WHERE f.n IS DISTINCT FROM g.n),
      cleared AS (DELETE FROM pg_temp.analytics_daily_milestone_gaps WHERE day IN (SELECT day FROM stale))
      INSERT INTO pg_temp.analytics_daily_milestone_gaps (day, milestone, bucket, reached, sum_ms, gaps, counts)
      SELECT d.day, r.* FROM (SELECT $1::date AS day UNION SELECT day FROM stale) d
      CROSS JOIN LATERAL (SELECT milestone, bucket, sum(n)::int AS reached,
    coalesce(sum(total), 0) AS sum_ms,
    coalesce(array_agg(ms ORDER BY ms) FILTER (WHERE bucket > 0), '{}') AS gaps,
    coalesce(array_agg(n ORDER BY ms) FILTER (WHERE bucket > 0), '{}') AS counts
  FROM (SELECT milestone, coalesce(width_bucket(ms::float8, ARRAY[0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 15, 18, 23, 28, 36, 44, 56, 69, 87, 108, 136, 169, 212, 265, 331, 414, 517, 646, 808, 1010, 1262, 1578, 1972, 2465, 3081, 3852, 4815, 6019, 7523, 9404, 11755, 14694, 18367, 22959, 28699, 35873, 44842, 56052, 70065, 87581, 109476, 136846, 171057, 213821, 267276, 334096, 417619, 522024, 652530, 815663, 1019579, 1274474, 1593092, 1991365, 2489206, 3111508, 3889385, 4861731, 6077163, 7596454, 9495568, 11869460, 14836825, 18546031, 23182538, 28978173, 36222716, 45278395, 56597994, 70747493, 88434366, 110542958, 138178697, 172723371, 215904214, 269880267, 337350334, 421687918, 527109897, 658887371, 823609214, 1029511518, 1286889397, 1608611747, 2010764683, 2513455854, 3141819818, 3927274772, 4909093465, 6136366832, 7670458540, 9588073174, 11985091468, 14981364335, 18726705419, 23408381773, 29260477217, 36575596521, 45719495651, 57149369564, 71436711955, 89295889944, 111619862430, 139524828037, 174406035047, 218007543808, 272509429761, 340636787201]::float8[]), 0)::smallint AS bucket,
          ms::float8 AS ms, count(*)::int AS n, sum(ms) AS total
        FROM (SELECT milestone, CASE WHEN prev_first_at <= first_at THEN extract(epoch FROM first_at - prev_first_at) * 1000 END AS ms
              FROM (SELECT * FROM pg_temp.analytics_daily_user_firsts f WHERE f.day = d.day) s WHERE milestone <> 'course_viewed') g
        GROUP BY 1, 2, 3) v
  GROUP BY 1, 2) r;

-- sessions: insert (report reader, live day)
INSERT INTO pg_temp.analytics_daily_sessions (day, session_id, user_id, platform, first_at, last_at, events, page_views, landing_page, utm_source, utm_medium, utm_campaign, logged_in, funnel) SELECT $1::date AS day, session_id, user_id, platform, first_at, last_at, events, page_views, landing_page, utm_source, utm_medium, utm_campaign, logged_in, funnel FROM (SELECT session_id, max(user_id) AS user_id, max(platform) AS platform, min("timestamp") AS first_at,
        max("timestamp") AS last_at, count(*) AS events, count(*) FILTER (WHERE event_type = 'we_page_load') AS page_views,
        (array_agg(split_part(split_part(page, '?', 1), '#', 1) ORDER BY "timestamp", id) FILTER (WHERE event_type = 'we_page_load' AND page IS NOT NULL))[1] AS landing_page,
        (array_agg(ARRAY[utm_source, utm_medium, utm_campaign] ORDER BY "timestamp", id) FILTER (WHERE utm_source IS NOT NULL))[1][1] AS utm_source, (array_agg(ARRAY[utm_source, utm_medium, utm_campaign] ORDER BY "timestamp", id) FILTER (WHERE utm_source IS NOT NULL))[1][2] AS utm_medium, (array_agg(ARRAY[utm_source, utm_medium, utm_campaign] ORDER BY "timestamp", id) FILTER (WHERE utm_source IS NOT NULL))[1][3] AS utm_campaign,
        bool_or(is_logged_in) AS logged_in,
        coalesce(analytics_funnel_steps((step - 1)::smallint, step ORDER BY "timestamp", step) FILTER (WHERE step IS NOT NULL), '{0,1,2,3,4,5,6}') AS funnel
      FROM (SELECT *, (CASE
  WHEN event_type = 'we_page_load' AND page LIKE '%/login%' THEN 1
  WHEN event_action = 'login_button_clicked' THEN 2
  WHEN event_action = 'email_entered' THEN 3
  WHEN event_action = 'otp_requested' THEN 4
  WHEN event_action = 'otp_entered' THEN 5
  WHEN event_action = 'login_success' THEN 6
  WHEN event_type = 'we_page_load' AND page LIKE '%/dashboard%' THEN 7 END)::smallint AS step FROM analytics_events WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC' AND session_id IS NOT NULL) e
      GROUP BY session_id) r;

-- session_durations: insert (report reader, live day)
INSERT INTO pg_temp.analytics_daily_session_durations (day, platform, utm_source, bucket, sessions, seconds)
      SELECT $1::date, platform, utm_source, width_bucket(seconds, ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, count(*), sum(seconds)
      FROM (SELECT platform, utm_source, extract(epoch FROM last_at - first_at) AS seconds
            FROM pg_temp.analytics_daily_sessions WHERE day = $1::date) s
      GROUP BY 2, 3, 4;

-- session_funnel: insert (report reader, live day)
INSERT INTO pg_temp.analytics_daily_session_funnel (day, platform, utm_source, step, sessions)
      SELECT $1::date, platform, utm_source, funnel[1], count(*)
      FROM pg_temp.analytics_daily_sessions WHERE day = $1::date
      GROUP BY 2, 3, 4;

-- login_funnel: insert (report reader, live day)
INSERT INTO pg_temp.analytics_daily_login_funnel (day, step, sessions)
      SELECT $1::date, s.step, (SELECT coalesce(sum(f.sessions), 0) FROM pg_temp.analytics_daily_session_funnel f
                                WHERE f.day = $1::date AND f.step >= s.step)
      FROM generate_series(1, 7) AS s(step);

-- utm: insert (report reader, live day)
INSERT INTO pg_temp.analytics_daily_utm (day, row_no, utm_source, utm_medium, utm_campaign, session_id, user_id, events, page_views, logins, logged_in_events, registered, first_at, last_at) SELECT $1::date AS day, row_no, utm_source, utm_medium, utm_campaign, session_id, user_id, events, page_views, logins, logged_in_events, registered, first_at, last_at FROM (SELECT row_number() OVER () AS row_no, utm_source, utm_medium, utm_campaign, session_id, user_id, count(*) AS events,
        count(*) FILTER (WHERE event_type = 'we_page_load') AS page_views,
        count(*) FILTER (WHERE event_action = 'login_success') AS logins,
        count(*) FILTER (WHERE is_logged_in) AS logged_in_events,
        bool_or(event_action = 'login_success' AND custom_data -> 'new_user' = 'true') AS registered,
        min("timestamp") AS first_at, max("timestamp") AS last_at
      FROM analytics_events WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
      GROUP BY utm_source, utm_medium, utm_campaign, session_id, user_id) r;

-- session_landings: insert (report reader, live day)
INSERT INTO pg_temp.analytics_daily_session_landings (day, platform, utm_source, landing_page, sessions,
        bounces, conversions, page_views)
      SELECT $1::date, platform, utm_source, landing_page, count(*), count(*) FILTER (WHERE page_views = 1),
        count(*) FILTER (WHERE converted), sum(page_views)
      FROM (SELECT session_id, max(platform) AS platform, max(utm_source) AS utm_source,
    max(landing_page) AS landing_page, max(page_views) AS page_views, bool_or(converted) AS converted
  FROM (SELECT session_id, platform, utm_source, landing_page, page_views, false AS converted, true AS present
        FROM pg_temp.analytics_daily_sessions WHERE day = $1::date
        UNION ALL
        SELECT session_id, NULL, NULL, NULL, NULL, true, false
        FROM pg_temp.analytics_daily_utm WHERE day = $1::date AND session_id IS NOT NULL AND logins > 0) x
  GROUP BY session_id HAVING bool_or(present)) s
      GROUP BY 2, 3, 4;

-- campaigns: insert (report reader, live day)
INSERT INTO pg_temp.analytics_daily_campaigns (day, utm_source, utm_medium, utm_campaign, events, page_views, logins)
      SELECT $1::date, utm_source, utm_medium, utm_campaign, sum(events), sum(page_views), sum(logins)
      FROM pg_temp.analytics_daily_utm WHERE day = $1::date
      GROUP BY 2, 3, 4;

-- user_activity: insert (report reader, live day)
INSERT INTO pg_temp.analytics_daily_user_activity (day, user_id, events, logged_in_events, sessions, page_views, logins,
        registered, first_at, last_at)
      SELECT $1::date, user_id, sum(events), sum(logged_in_events), count(session_id), sum(page_views), sum(logins),
        coalesce(bool_or(registered), false), min(first_at), max(last_at)
      FROM (SELECT user_id, session_id, sum(events) AS events, sum(logged_in_events) AS logged_in_events,
              sum(page_views) AS page_views, sum(logins) AS logins, bool_or(registered) AS registered,
              min(first_at) AS first_at, max(last_at) AS last_at
            FROM pg_temp.analytics_daily_utm WHERE day = $1::date AND user_id IS NOT NULL
            GROUP BY user_id, session_id) s
      GROUP BY user_id;

-- pages: insert (report reader, live day)
INSERT INTO pg_temp.analytics_daily_pages (day, page, page_views, unique_sessions, unique_users, landings, bounces) SELECT $1::date AS day, page, page_views, unique_sessions, unique_users, landings, bounces FROM (SELECT path AS page, sum(n) FILTER (WHERE by_session) AS page_views,
        count(session_id) FILTER (WHERE by_session) AS unique_sessions, count(user_id) FILTER (WHERE NOT by_session) AS unique_users,
        0 AS landings, 0 AS bounces
      FROM (SELECT path, session_id, user_id, GROUPING(session_id) = 0 AS by_session, count(*) AS n
            FROM (SELECT split_part(split_part(page, '?', 1), '#', 1) AS path, session_id, user_id FROM analytics_events
                  WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC' AND event_type = 'we_page_load' AND page IS NOT NULL) e
            GROUP BY GROUPING SETS ((path, session_id), (path, user_id))) g
      GROUP BY path) r;

-- pages: then (report reader, live day)
UPDATE pg_temp.analytics_daily_pages p SET landings = l.landings, bounces = l.bounces
      FROM (SELECT landing_page, count(*) AS landings, count(*) FILTER (WHERE page_views = 1) AS bounces
            FROM pg_temp.analytics_daily_sessions WHERE day = $1::date AND landing_page IS NOT NULL
            GROUP BY landing_page) l
      WHERE p.day = $1::date AND p.page = l.landing_page;

-- events: insert (report reader, live day)
INSERT INTO pg_temp.analytics_daily_events (day, event_type, event_action, platform, events, unique_users, unique_sessions, anonymous_events, logged_in_events) SELECT $1::date AS day, event_type, event_action, platform, events, unique_users, unique_sessions, anonymous_events, logged_in_events FROM (SELECT event_type, event_action, platform, sum(n) AS events, count(user_id) AS unique_users,
        sum(sessions) AS unique_sessions, coalesce(sum(n) FILTER (WHERE anonymous), 0) AS anonymous_events,
        sum(logged_in) AS logged_in_events
      FROM (SELECT event_type, event_action, platform, user_id, user_id IS NULL AS anonymous, count(*) AS n,
              count(*) FILTER (WHERE is_logged_in) AS logged_in, NULL::bigint AS sessions
            FROM analytics_events WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
            GROUP BY event_type, event_action, platform, user_id
            UNION ALL
            SELECT event_type, event_action, platform, NULL, false, NULL, NULL, count(session_id)
            FROM (SELECT event_type, event_action, platform, session_id FROM analytics_events WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
                  GROUP BY event_type, event_action, platform, session_id) s
            GROUP BY event_type, event_action, platform) g
      GROUP BY event_type, event_action, platform) r;

-- content: insert (report reader, live day)
INSERT INTO pg_temp.analytics_daily_content (day, course_id, class_id, event_type, event_action, milestone, events, watch_seconds) SELECT $1::date AS day, course_id, class_id, event_type, event_action, milestone, events, watch_seconds FROM (SELECT course_id, class_id, event_type, event_action, milestone, count(*) AS events, coalesce(sum(watched), 0) AS watch_seconds
      FROM (SELECT course_id, class_id, event_type, event_action, (CASE WHEN jsonb_typeof(custom_data -> 'milestone') = 'number' THEN
     CASE WHEN (custom_data -> 'milestone')::numeric BETWEEN 0 AND 100 THEN round((custom_data -> 'milestone')::numeric) END END)::smallint AS milestone, (CASE WHEN jsonb_typeof(custom_data -> 'watched_seconds') = 'number' THEN
     CASE WHEN (custom_data -> 'watched_seconds')::numeric BETWEEN 0 AND 10000000 THEN round((custom_data -> 'watched_seconds')::numeric) END END)::int AS watched
            FROM analytics_events WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC' AND (course_id IS NOT NULL OR class_id IS NOT NULL
  OR event_type IN ('course_event', 'class_event', 'video_event', 'contest_event'))) e
      GROUP BY course_id, class_id, event_type, event_action, milestone) r;

-- content_counts: insert (report reader, live day)
INSERT INTO pg_temp.analytics_daily_content_counts (day, course_id, class_id, page_views, course_views, class_starts, class_completions, reached25, reached50, reached75, contest_starts, contest_completions, video_events, contest_events)
      SELECT $1::date, course_id, class_id,
        coalesce(sum(events) FILTER (WHERE event_type = 'we_page_load'), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'course_viewed'), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'class_started'), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'class_completed'), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'video_progress' AND milestone = 25), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'video_progress' AND milestone = 50), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'video_progress' AND milestone = 75), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'contest_started'), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'contest_completed'), 0),
        coalesce(sum(events) FILTER (WHERE event_type = 'video_event'), 0),
        coalesce(sum(events) FILTER (WHERE event_type = 'contest_event'), 0)
      FROM pg_temp.analytics_daily_content WHERE day = $1::date
      GROUP BY course_id, class_id;
