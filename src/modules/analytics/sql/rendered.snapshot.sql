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
--
-- The reports' SQL (reports/report-sql-manifest.ts): file; statement or fragment; connection:
--   live-day/analyze: live-day/analyze.sql; statement; primary
--   live-day/tail-statistics-target: live-day/tail-statistics-target.sql; statement; primary
--   live-day/create-aggregate: live-day/create-aggregate.sql; statement; primary
--   live-day/create-live-firsts: live-day/create-live-firsts.sql; statement; primary
--   live-day/create-live-members: live-day/create-live-members.sql; statement; primary
--   live-day/create-live-session-days: live-day/create-live-session-days.sql; statement; primary
--   live-day/delete-day: live-day/delete-day.sql; statement; primary
--   live-day/index-live-firsts: live-day/index-live-firsts.sql; statement; primary
--   live-day/index-live-members: live-day/index-live-members.sql; statement; primary
--   live-day/index-live-session-days: live-day/index-live-session-days.sql; statement; primary
--   live-day/insert-live-firsts: live-day/insert-live-firsts.sql; statement; primary
--   live-day/insert-live-members: live-day/insert-live-members.sql; statement; primary
--   live-day/insert-live-session-days: live-day/insert-live-session-days.sql; statement; primary
--   live-day/create-tail-sessions: live-day/create-tail-sessions.sql; statement; primary
--   live-day/index-tail-sessions: live-day/index-tail-sessions.sql; statement; primary
--   live-day/insert-tail-sessions: live-day/insert-tail-sessions.sql; statement; primary
--   live-day/insert-tail-session-durations: live-day/insert-tail-session-durations.sql; statement; primary
--   live-day/insert-tail-session-funnel: live-day/insert-tail-session-funnel.sql; statement; primary
--   live-day/insert-tail-session-landings: live-day/insert-tail-session-landings.sql; statement; primary
--   live-day/insert-tail-members: live-day/insert-tail-members.sql; statement; primary
--   live-day/tail-only-sessions: live-day/tail-only-sessions.sql; fragment; primary
--   active-users: reports/active-users.sql; statement; reader
--   class-figures-of-course: reports/class-figures-of-course.sql; fragment; reader
--   class-figures: reports/class-figures.sql; statement; reader
--   course-is: reports/course-is.sql; fragment; reader
--   course-viewers-total: reports/course-viewers-total.sql; statement; reader
--   course-viewers: reports/course-viewers.sql; statement; reader
--   course-views: reports/course-views.sql; statement; reader
--   distinct-members-by-first-day: reports/distinct-members-by-first-day.sql; fragment; reader
--   distinct-members-one-by-one: reports/distinct-members-one-by-one.sql; fragment; reader
--   distinct-members: reports/distinct-members.sql; fragment; reader
--   enrolled-viewers: reports/enrolled-viewers.sql; statement; reader
--   filters/first-key-is: reports/filters/first-key-is.sql; fragment; reader
--   filters/keys-are: reports/filters/keys-are.sql; fragment; reader
--   filters/landing-sessions: reports/filters/landing-sessions.sql; fragment; reader
--   filters/period-start: reports/filters/period-start.sql; fragment; reader
--   filters/platform: reports/filters/platform.sql; fragment; reader
--   filters/session-filters: reports/filters/session-filters.sql; fragment; reader
--   filters/utm-source: reports/filters/utm-source.sql; fragment; reader
--   first-milestones: reports/first-milestones.sql; fragment; reader
--   history-day: reports/history-day.sql; fragment; reader
--   live-first-milestones: reports/live-first-milestones.sql; fragment; reader
--   live-firsts: reports/live-firsts.sql; fragment; reader
--   live-members-of-metric: reports/live-members-of-metric.sql; fragment; reader
--   login-funnel: reports/login-funnel.sql; statement; reader
--   milestone-stats: reports/milestone-stats.sql; statement; reader
--   module-progression-of-course: reports/module-progression-of-course.sql; fragment; reader
--   module-progression: reports/module-progression.sql; statement; reader
--   multi-day-session-rows: reports/multi-day-session-rows.sql; fragment; reader
--   multi-day-session-rows-with-tail: reports/multi-day-session-rows-with-tail.sql; fragment; primary
--   page-key-page-type: reports/page-key-page-type.sql; fragment; reader
--   page-key-page: reports/page-key-page.sql; fragment; reader
--   page-views-per-page: reports/page-views-per-page.sql; fragment; reader
--   page-views-totals: reports/page-views-totals.sql; statement; reader
--   page-views: reports/page-views.sql; statement; reader
--   registration-to-first-view: reports/registration-to-first-view.sql; statement; reader
--   runner/day-has-events: reports/runner/day-has-events.sql; statement; reader
--   runner/default-partition-days: reports/runner/default-partition-days.sql; statement; reader
--   runner/event-partitions: reports/runner/event-partitions.sql; statement; reader
--   runner/first-day: reports/runner/first-day.sql; statement; reader
--   runner/jit-off: reports/runner/jit-off.sql; statement; reader
--   runner/provisional-days: reports/runner/provisional-days.sql; statement; reader
--   runner/stored-days: reports/runner/stored-days.sql; statement; reader
--   scope/live-session-days: reports/scope/live-session-days.sql; fragment; reader
--   scope/no-condition: reports/scope/no-condition.sql; fragment; reader
--   scope/no-live-firsts: reports/scope/no-live-firsts.sql; fragment; reader
--   scope/no-live-members: reports/scope/no-live-members.sql; fragment; reader
--   scope/session-days: reports/scope/session-days.sql; fragment; reader
--   scope/stored-and-live-rows: reports/scope/stored-and-live-rows.sql; fragment; reader
--   scope/stored-day: reports/scope/stored-day.sql; fragment; reader
--   scope/stored-rows: reports/scope/stored-rows.sql; fragment; reader
--   session-durations: reports/session-durations.sql; statement; reader
--   session-groups: reports/session-groups.sql; statement; reader
--   session-key-landing-page: reports/session-key-landing-page.sql; fragment; reader
--   session-key-source: reports/session-key-source.sql; fragment; reader
--   stored-and-live-milestone-gaps: reports/stored-and-live-milestone-gaps.sql; fragment; reader
--   stored-first-milestones-after-raw-days: reports/stored-first-milestones-after-raw-days.sql; fragment; reader
--   stored-first-milestones-only: reports/stored-first-milestones-only.sql; fragment; reader
--   stored-first-milestones: reports/stored-first-milestones.sql; fragment; reader
--   stored-milestone-gaps: reports/stored-milestone-gaps.sql; fragment; reader
--   utm-performance-totals: reports/utm-performance-totals.sql; statement; reader
--   utm-performance: reports/utm-performance.sql; statement; reader
--   utm-source-is: reports/utm-source-is.sql; fragment; reader
--   whole-ms: reports/whole-ms.sql; fragment; reader
--   whole-sessions: reports/whole-sessions.sql; fragment; reader

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

-- user_content: insert (writer, intraday refresh)
INSERT INTO analytics_daily_user_content (day, row_no, user_id, course_id, module_id, class_id, event_type,
        event_action, events, first_at, last_at, watch_seconds, max_milestone)
      SELECT $1::date, row_number() OVER (), user_id, course_id, module_id, class_id, event_type, event_action, count(*), min("timestamp"),
        max("timestamp"), coalesce(sum(watched), 0), max(milestone)
      FROM (SELECT user_id, course_id, class_id, event_type, event_action, "timestamp",
              left(custom_data ->> 'module_id', 64) AS module_id, (CASE WHEN jsonb_typeof(custom_data -> 'milestone') = 'number' THEN
     CASE WHEN (custom_data -> 'milestone')::numeric BETWEEN 0 AND 100 THEN round((custom_data -> 'milestone')::numeric) END END)::smallint AS milestone, (CASE WHEN jsonb_typeof(custom_data -> 'watched_seconds') = 'number' THEN
     CASE WHEN (custom_data -> 'watched_seconds')::numeric BETWEEN 0 AND 10000000 THEN round((custom_data -> 'watched_seconds')::numeric) END END)::int AS watched
            FROM analytics_events WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" <= '2026-01-15T13:34:00.000Z'::timestamptz AND user_id IS NOT NULL AND (course_id IS NOT NULL OR class_id IS NOT NULL
  OR event_type IN ('course_event', 'class_event', 'video_event', 'contest_event'))) e
      GROUP BY user_id, course_id, module_id, class_id, event_type, event_action;

-- sessions: insert (writer, intraday refresh)
INSERT INTO analytics_daily_sessions (day, session_id, user_id, platform, first_at, last_at, events, page_views, landing_page, utm_source, utm_medium, utm_campaign, logged_in, funnel) SELECT $1::date AS day, session_id, user_id, platform, first_at, last_at, events, page_views, landing_page, utm_source, utm_medium, utm_campaign, logged_in, funnel FROM (SELECT session_id, max(user_id) AS user_id, max(platform) AS platform, min("timestamp") AS first_at,
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
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" <= '2026-01-15T13:34:00.000Z'::timestamptz AND session_id IS NOT NULL) e
      GROUP BY session_id) r;

-- utm: insert (writer, intraday refresh)
INSERT INTO analytics_daily_utm (day, row_no, utm_source, utm_medium, utm_campaign, session_id, user_id, events, page_views, logins, logged_in_events, registered, first_at, last_at) SELECT $1::date AS day, row_no, utm_source, utm_medium, utm_campaign, session_id, user_id, events, page_views, logins, logged_in_events, registered, first_at, last_at FROM (SELECT row_number() OVER () AS row_no, utm_source, utm_medium, utm_campaign, session_id, user_id, count(*) AS events,
        count(*) FILTER (WHERE event_type = 'we_page_load') AS page_views,
        count(*) FILTER (WHERE event_action = 'login_success') AS logins,
        count(*) FILTER (WHERE is_logged_in) AS logged_in_events,
        bool_or(event_action = 'login_success' AND custom_data -> 'new_user' = 'true') AS registered,
        min("timestamp") AS first_at, max("timestamp") AS last_at
      FROM analytics_events WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" <= '2026-01-15T13:34:00.000Z'::timestamptz
      GROUP BY utm_source, utm_medium, utm_campaign, session_id, user_id) r;

-- pages: insert (writer, intraday refresh)
INSERT INTO analytics_daily_pages (day, page, page_views, unique_sessions, unique_users, landings, bounces) SELECT $1::date AS day, page, page_views, unique_sessions, unique_users, landings, bounces FROM (SELECT path AS page, sum(n) FILTER (WHERE by_session) AS page_views,
        count(session_id) FILTER (WHERE by_session) AS unique_sessions, count(user_id) FILTER (WHERE NOT by_session) AS unique_users,
        0 AS landings, 0 AS bounces
      FROM (SELECT path, session_id, user_id, GROUPING(session_id) = 0 AS by_session, count(*) AS n
            FROM (SELECT split_part(split_part(page, '?', 1), '#', 1) AS path, session_id, user_id FROM analytics_events
                  WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" <= '2026-01-15T13:34:00.000Z'::timestamptz AND event_type = 'we_page_load' AND page IS NOT NULL) e
            GROUP BY GROUPING SETS ((path, session_id), (path, user_id))) g
      GROUP BY path) r;

-- pages: then (writer, intraday refresh)
UPDATE analytics_daily_pages p SET landings = l.landings, bounces = l.bounces
      FROM (SELECT landing_page, count(*) AS landings, count(*) FILTER (WHERE page_views = 1) AS bounces
            FROM analytics_daily_sessions WHERE day = $1::date AND landing_page IS NOT NULL
            GROUP BY landing_page) l
      WHERE p.day = $1::date AND p.page = l.landing_page;

-- events: insert (writer, intraday refresh)
INSERT INTO analytics_daily_events (day, event_type, event_action, platform, events, unique_users, unique_sessions, anonymous_events, logged_in_events) SELECT $1::date AS day, event_type, event_action, platform, events, unique_users, unique_sessions, anonymous_events, logged_in_events FROM (SELECT event_type, event_action, platform, sum(n) AS events, count(user_id) AS unique_users,
        sum(sessions) AS unique_sessions, coalesce(sum(n) FILTER (WHERE anonymous), 0) AS anonymous_events,
        sum(logged_in) AS logged_in_events
      FROM (SELECT event_type, event_action, platform, user_id, user_id IS NULL AS anonymous, count(*) AS n,
              count(*) FILTER (WHERE is_logged_in) AS logged_in, NULL::bigint AS sessions
            FROM analytics_events WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" <= '2026-01-15T13:34:00.000Z'::timestamptz
            GROUP BY event_type, event_action, platform, user_id
            UNION ALL
            SELECT event_type, event_action, platform, NULL, false, NULL, NULL, count(session_id)
            FROM (SELECT event_type, event_action, platform, session_id FROM analytics_events WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" <= '2026-01-15T13:34:00.000Z'::timestamptz
                  GROUP BY event_type, event_action, platform, session_id) s
            GROUP BY event_type, event_action, platform) g
      GROUP BY event_type, event_action, platform) r;

-- content: insert (writer, intraday refresh)
INSERT INTO analytics_daily_content (day, course_id, class_id, event_type, event_action, milestone, events, watch_seconds) SELECT $1::date AS day, course_id, class_id, event_type, event_action, milestone, events, watch_seconds FROM (SELECT course_id, class_id, event_type, event_action, milestone, count(*) AS events, coalesce(sum(watched), 0) AS watch_seconds
      FROM (SELECT course_id, class_id, event_type, event_action, (CASE WHEN jsonb_typeof(custom_data -> 'milestone') = 'number' THEN
     CASE WHEN (custom_data -> 'milestone')::numeric BETWEEN 0 AND 100 THEN round((custom_data -> 'milestone')::numeric) END END)::smallint AS milestone, (CASE WHEN jsonb_typeof(custom_data -> 'watched_seconds') = 'number' THEN
     CASE WHEN (custom_data -> 'watched_seconds')::numeric BETWEEN 0 AND 10000000 THEN round((custom_data -> 'watched_seconds')::numeric) END END)::int AS watched
            FROM analytics_events WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" <= '2026-01-15T13:34:00.000Z'::timestamptz AND (course_id IS NOT NULL OR class_id IS NOT NULL
  OR event_type IN ('course_event', 'class_event', 'video_event', 'contest_event'))) e
      GROUP BY course_id, class_id, event_type, event_action, milestone) r;

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

-- report runner: jit off
SET LOCAL jit = off;

-- report runner: stored days
SELECT to_char(day, 'YYYY-MM-DD') AS day FROM analytics_rollup_ledger
       WHERE day BETWEEN $1 AND $2 AND rollup = ANY($3) AND status = 'done'
       GROUP BY day HAVING count(*) = $4 ORDER BY day;

-- report runner: provisional days
SELECT to_char(l.day, 'YYYY-MM-DD') AS day, min(l.covers_until) AS covers_until, now() AS raw_until
       FROM analytics_rollup_ledger l
       JOIN unnest($3::text[], $4::text[]) AS v(rollup, version) ON v.rollup = l.rollup
       WHERE l.day BETWEEN $1 AND $2 AND l.status = 'provisional' AND l.version = v.version
       GROUP BY l.day HAVING count(*) = $5 AND min(l.covers_until) = max(l.covers_until)
       ORDER BY l.day;

-- report runner: first day
SELECT to_char(min(day), 'YYYY-MM-DD') AS first FROM (
         SELECT min(day) AS day FROM analytics_rollup_ledger
         UNION ALL SELECT min(("timestamp" AT TIME ZONE 'UTC')::date) FROM analytics_events_default) d;

-- report runner: event partitions
SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'analytics_events'::regclass;

-- report runner: default partition days
SELECT DISTINCT to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM analytics_events_default
       WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC' AND "timestamp" < $2::date::timestamp AT TIME ZONE 'UTC';

-- report runner: day probes
SELECT '2026-01-14' AS day WHERE EXISTS (SELECT 1 FROM analytics_events
        WHERE "timestamp" >= '2026-01-14'::date::timestamp AT TIME ZONE 'UTC' AND "timestamp" < ('2026-01-14'::date + 1)::timestamp AT TIME ZONE 'UTC') UNION ALL SELECT '2026-01-15' AS day WHERE EXISTS (SELECT 1 FROM analytics_events
        WHERE "timestamp" >= '2026-01-15'::date::timestamp AT TIME ZONE 'UTC' AND "timestamp" < ('2026-01-15'::date + 1)::timestamp AT TIME ZONE 'UTC');

-- live day: CREATE TEMP TABLE analytics_daily_user_content
CREATE TEMP TABLE analytics_daily_user_content ON COMMIT DROP AS SELECT * FROM public.analytics_daily_user_content WITH NO DATA;

-- live day: CREATE TEMP TABLE analytics_daily_module_events
CREATE TEMP TABLE analytics_daily_module_events ON COMMIT DROP AS SELECT * FROM public.analytics_daily_module_events WITH NO DATA;

-- live day: CREATE TEMP TABLE analytics_daily_sessions
CREATE TEMP TABLE analytics_daily_sessions ON COMMIT DROP AS SELECT * FROM public.analytics_daily_sessions WITH NO DATA;

-- live day: CREATE TEMP TABLE analytics_daily_session_durations
CREATE TEMP TABLE analytics_daily_session_durations ON COMMIT DROP AS SELECT * FROM public.analytics_daily_session_durations WITH NO DATA;

-- live day: CREATE TEMP TABLE analytics_daily_session_funnel
CREATE TEMP TABLE analytics_daily_session_funnel ON COMMIT DROP AS SELECT * FROM public.analytics_daily_session_funnel WITH NO DATA;

-- live day: CREATE TEMP TABLE analytics_daily_utm
CREATE TEMP TABLE analytics_daily_utm ON COMMIT DROP AS SELECT * FROM public.analytics_daily_utm WITH NO DATA;

-- live day: CREATE TEMP TABLE analytics_daily_session_landings
CREATE TEMP TABLE analytics_daily_session_landings ON COMMIT DROP AS SELECT * FROM public.analytics_daily_session_landings WITH NO DATA;

-- live day: CREATE TEMP TABLE analytics_daily_campaigns
CREATE TEMP TABLE analytics_daily_campaigns ON COMMIT DROP AS SELECT * FROM public.analytics_daily_campaigns WITH NO DATA;

-- live day: CREATE TEMP TABLE analytics_daily_user_activity
CREATE TEMP TABLE analytics_daily_user_activity ON COMMIT DROP AS SELECT * FROM public.analytics_daily_user_activity WITH NO DATA;

-- live day: CREATE TEMP TABLE analytics_daily_pages
CREATE TEMP TABLE analytics_daily_pages ON COMMIT DROP AS SELECT * FROM public.analytics_daily_pages WITH NO DATA;

-- live day: CREATE TEMP TABLE analytics_daily_content
CREATE TEMP TABLE analytics_daily_content ON COMMIT DROP AS SELECT * FROM public.analytics_daily_content WITH NO DATA;

-- live day: CREATE TEMP TABLE analytics_daily_content_counts
CREATE TEMP TABLE analytics_daily_content_counts ON COMMIT DROP AS SELECT * FROM public.analytics_daily_content_counts WITH NO DATA;

-- live day: CREATE TEMP TABLE report_live_members
CREATE TEMP TABLE report_live_members (day date, metric text, keys text[], member text, prev_day date) ON COMMIT DROP;

-- live day: CREATE INDEX ON pg_temp.report_live_members
CREATE INDEX ON pg_temp.report_live_members (metric, member, keys);

-- live day: CREATE TEMP TABLE report_live_firsts
CREATE TEMP TABLE report_live_firsts (day date, user_id text, milestone text, first_at timestamptz) ON COMMIT DROP;

-- live day: CREATE INDEX ON pg_temp.report_live_firsts
CREATE INDEX ON pg_temp.report_live_firsts (user_id, milestone);

-- live day: CREATE TEMP TABLE report_live_session_days
CREATE TEMP TABLE report_live_session_days (day date, session_id text, prev_day date, converted boolean) ON COMMIT DROP;

-- live day: CREATE INDEX ON pg_temp.report_live_session_days
CREATE INDEX ON pg_temp.report_live_session_days (session_id);

-- live day: INSERT INTO pg_temp.report_live_firsts SELECT
INSERT INTO pg_temp.report_live_firsts SELECT $1::date, c.* FROM (SELECT user_id, event_action AS milestone, min(first_at) AS first_at
  FROM pg_temp.analytics_daily_user_content
  WHERE day = $1::date AND event_action IN ('course_viewed', 'class_started', 'class_completed', 'module_completed')
  GROUP BY user_id, event_action) c;

-- live day: DELETE FROM pg_temp.analytics_daily_user_content WHERE
DELETE FROM pg_temp.analytics_daily_user_content WHERE day = $1;

-- live day: INSERT INTO pg_temp.report_live_members (day,
INSERT INTO pg_temp.report_live_members (day, metric, keys, member, prev_day)
  SELECT $1::date, c.metric, c.keys, c.member, greatest(ps.day, pl.day)
  FROM (SELECT c.metric, c.keys, c.member FROM (SELECT 'active_users'::text AS metric, '{}'::text[] AS keys, user_id AS member
      FROM pg_temp.analytics_daily_user_activity WHERE day = $1::date AND logged_in_events > 0) c
UNION ALL
SELECT c.metric, c.keys, c.member FROM (SELECT m.metric, m.keys, g.user_id AS member
  FROM (SELECT utm_source, utm_medium, utm_campaign, user_id, sum(logins) > 0 AS converted,
          GROUPING(utm_source, utm_medium, utm_campaign) AS level
        FROM pg_temp.analytics_daily_utm WHERE day = $1::date AND utm_source IS NOT NULL AND user_id IS NOT NULL
        GROUP BY GROUPING SETS ((utm_source, utm_medium, utm_campaign, user_id), (utm_source, user_id), (user_id))) g
  CROSS JOIN LATERAL (SELECT CASE level WHEN 0 THEN 'utm_users' WHEN 3 THEN 'utm_users_by_source' WHEN 7 THEN 'utm_users_total' END, CASE level WHEN 0 THEN ARRAY[utm_source, utm_medium, utm_campaign] WHEN 3 THEN ARRAY[utm_source] WHEN 7 THEN '{}'::text[] END
                      UNION ALL
                      SELECT CASE level WHEN 0 THEN 'utm_converters' WHEN 3 THEN 'utm_converters_by_source' WHEN 7 THEN 'utm_converters_total' END, CASE level WHEN 0 THEN ARRAY[utm_source, utm_medium, utm_campaign] WHEN 3 THEN ARRAY[utm_source] WHEN 7 THEN '{}'::text[] END WHERE g.converted) m(metric, keys)) c
UNION ALL
SELECT c.metric, c.keys, c.member FROM (SELECT CASE GROUPING(course_id) WHEN 0 THEN 'course_viewers' ELSE 'course_viewers_total' END AS metric,
    CASE GROUPING(course_id) WHEN 0 THEN ARRAY[course_id] ELSE '{}'::text[] END AS keys, user_id AS member
  FROM pg_temp.analytics_daily_user_content WHERE day = $1::date AND event_action = 'course_viewed' AND course_id IS NOT NULL
  GROUP BY GROUPING SETS ((course_id, user_id), (user_id))) c) c
  LEFT JOIN LATERAL (SELECT h.day FROM public.analytics_daily_chain_members h
    WHERE h.metric = c.metric AND h.member = c.member AND h.keys = c.keys AND h.day < $1::date AND h.day <> ALL('{2026-01-31}'::date[])
    ORDER BY h.day DESC LIMIT 1) ps ON true
  LEFT JOIN LATERAL (SELECT max(l.day) AS day FROM pg_temp.report_live_members l
    WHERE l.metric = c.metric AND l.member = c.member AND l.keys = c.keys AND l.day < $1::date) pl ON true;

-- live day: INSERT INTO pg_temp.report_live_session_days (day,
INSERT INTO pg_temp.report_live_session_days (day, session_id, prev_day, converted)
  SELECT $1::date, s.session_id, greatest(ps.day, pl.day), s.converted
  FROM (SELECT session_id, max(platform) AS platform, max(utm_source) AS utm_source,
    max(landing_page) AS landing_page, max(page_views) AS page_views, bool_or(converted) AS converted
  FROM (SELECT session_id, platform, utm_source, landing_page, page_views, false AS converted, true AS present
        FROM pg_temp.analytics_daily_sessions WHERE day = $1::date
        UNION ALL
        SELECT session_id, NULL, NULL, NULL, NULL, true, false
        FROM pg_temp.analytics_daily_utm WHERE day = $1::date AND session_id IS NOT NULL AND logins > 0) x
  GROUP BY session_id HAVING bool_or(present)) s
  LEFT JOIN LATERAL (SELECT h.day FROM public.analytics_daily_session_days h
    WHERE h.session_id = s.session_id AND h.day < $1::date AND h.day <> ALL('{2026-01-31}'::date[])
    ORDER BY h.day DESC LIMIT 1) ps ON true
  LEFT JOIN LATERAL (SELECT max(l.day) AS day FROM pg_temp.report_live_session_days l WHERE l.session_id = s.session_id AND l.day < $1::date) pl ON true;

-- live day: ANALYZE pg_temp.analytics_daily_user_content, pg_temp.analytics_daily_module_events, pg_temp.analytics_daily_sessions,
ANALYZE pg_temp.analytics_daily_user_content, pg_temp.analytics_daily_module_events, pg_temp.analytics_daily_sessions, pg_temp.analytics_daily_session_durations, pg_temp.analytics_daily_session_funnel, pg_temp.analytics_daily_utm, pg_temp.analytics_daily_session_landings, pg_temp.analytics_daily_campaigns, pg_temp.analytics_daily_user_activity, pg_temp.analytics_daily_pages, pg_temp.analytics_daily_content, pg_temp.analytics_daily_content_counts, pg_temp.report_live_members, pg_temp.report_live_firsts, pg_temp.report_live_session_days;

-- engagement/active-users day, query 1 (every day stored)
SELECT to_char(period, 'YYYY-MM-DD') AS period, members FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c CROSS JOIN LATERAL (SELECT greatest(date_trunc('day', c.day)::date, '2026-01-01'::date) AS period) p
      WHERE c.metric = 'active_users' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) lm WHERE metric = 'active_users') l CROSS JOIN LATERAL (SELECT greatest(date_trunc('day', l.day)::date, '2026-01-01'::date) AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) d;

-- engagement/active-users day, query 2 (every day stored)
SELECT to_char(period, 'YYYY-MM-DD') AS period, members FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'active_users' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) lm WHERE metric = 'active_users') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) d;

-- engagement/active-users week, query 1 (every day stored)
SELECT to_char(period, 'YYYY-MM-DD') AS period, members FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c CROSS JOIN LATERAL (SELECT greatest(date_trunc('week', c.day)::date, '2026-01-01'::date) AS period) p
      WHERE c.metric = 'active_users' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) lm WHERE metric = 'active_users') l CROSS JOIN LATERAL (SELECT greatest(date_trunc('week', l.day)::date, '2026-01-01'::date) AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) d;

-- engagement/active-users month, query 1 (every day stored)
SELECT to_char(period, 'YYYY-MM-DD') AS period, members FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c CROSS JOIN LATERAL (SELECT greatest(date_trunc('month', c.day)::date, '2026-01-01'::date) AS period) p
      WHERE c.metric = 'active_users' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) lm WHERE metric = 'active_users') l CROSS JOIN LATERAL (SELECT greatest(date_trunc('month', l.day)::date, '2026-01-01'::date) AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) d;

-- engagement/session-durations {}, query 1 (every day stored)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM (SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
        SELECT bucket, sum(sessions) AS sessions, sum(seconds) AS seconds FROM (
          SELECT bucket, sessions, seconds FROM (SELECT * FROM public.analytics_daily_session_durations WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) d WHERE true
          UNION ALL
          SELECT width_bucket(extract(epoch FROM last_at - first_at), ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, -1, -extract(epoch FROM last_at - first_at) FROM m WHERE true
          UNION ALL
          SELECT width_bucket(seconds, ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, 1, seconds FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true
        ) x GROUP BY bucket;

-- engagement/session-durations {"platform":"web","utmSource":"google"}, query 1 (every day stored)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM (SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
        SELECT bucket, sum(sessions) AS sessions, sum(seconds) AS seconds FROM (
          SELECT bucket, sessions, seconds FROM (SELECT * FROM public.analytics_daily_session_durations WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) d WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
          UNION ALL
          SELECT width_bucket(extract(epoch FROM last_at - first_at), ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, -1, -extract(epoch FROM last_at - first_at) FROM m WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
          UNION ALL
          SELECT width_bucket(seconds, ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, 1, seconds FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
        ) x GROUP BY bucket;

-- engagement/session-durations {"utmSource":"Direct"}, query 1 (every day stored)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM (SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
        SELECT bucket, sum(sessions) AS sessions, sum(seconds) AS seconds FROM (
          SELECT bucket, sessions, seconds FROM (SELECT * FROM public.analytics_daily_session_durations WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) d WHERE true AND coalesce(utm_source, 'Direct') = $1
          UNION ALL
          SELECT width_bucket(extract(epoch FROM last_at - first_at), ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, -1, -extract(epoch FROM last_at - first_at) FROM m WHERE true AND coalesce(utm_source, 'Direct') = $1
          UNION ALL
          SELECT width_bucket(seconds, ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, 1, seconds FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true AND coalesce(utm_source, 'Direct') = $1
        ) x GROUP BY bucket;

-- engagement/page-views page, query 1 (every day stored)
SELECT page, views FROM (SELECT page AS page, sum(page_views)::bigint AS views FROM (SELECT * FROM public.analytics_daily_pages WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) p GROUP BY 1) g ORDER BY views DESC, page LIMIT $1;

-- engagement/page-views page, query 2 (every day stored)
SELECT sum(views) AS views, count(*) AS pages FROM (SELECT page AS page, sum(page_views)::bigint AS views FROM (SELECT * FROM public.analytics_daily_pages WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) p GROUP BY 1) g;

-- engagement/page-views pageType, query 1 (every day stored)
SELECT page, views FROM (SELECT '/' || split_part(ltrim(page, '/'), '/', 1) AS page, sum(page_views)::bigint AS views FROM (SELECT * FROM public.analytics_daily_pages WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) p GROUP BY 1) g ORDER BY views DESC, page LIMIT $1;

-- engagement/page-views pageType, query 2 (every day stored)
SELECT sum(views) AS views, count(*) AS pages FROM (SELECT '/' || split_part(ltrim(page, '/'), '/', 1) AS page, sum(page_views)::bigint AS views FROM (SELECT * FROM public.analytics_daily_pages WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) p GROUP BY 1) g;

-- content/top-classes {}, query 1 (every day stored)
SELECT class_id AS "classId", max(course_id) AS "courseId", sum(page_views) AS "views", sum(class_starts) AS "starts", sum(class_completions) AS "completions", sum(reached25) AS "reached25", sum(reached50) AS "reached50", sum(reached75) AS "reached75", sum(contest_starts) AS "contestStarts", sum(contest_completions) AS "contestCompletions", sum(video_events) AS "videoEvents", sum(contest_events) AS "contestEvents"
     FROM (SELECT * FROM public.analytics_daily_content_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c WHERE class_id IS NOT NULL GROUP BY class_id;

-- journey/course-discovery {}, query 1 (every day stored)
SELECT course_id, sum(course_views) AS views FROM (SELECT * FROM public.analytics_daily_content_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c
         WHERE course_views > 0 AND course_id IS NOT NULL  GROUP BY 1;

-- journey/course-discovery {}, query 2 (every day stored)
SELECT keys[1] AS course_id, members FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'course_viewers' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) lm WHERE metric = 'course_viewers') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) d;

-- journey/course-discovery {}, query 3 (every day stored)
SELECT sum(members) AS members FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'course_viewers_total' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) lm WHERE metric = 'course_viewers_total') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) d;

-- journey/course-discovery {}, query 4 (every day stored)
WITH e AS MATERIALIZED (
           SELECT e.user_id, e.course_id,
             EXISTS (SELECT 1 FROM public.analytics_daily_chain_members h
               WHERE h.metric = 'course_viewers' AND h.member = e.user_id AND h.keys[1] = e.course_id
                 AND h.day BETWEEN '2026-01-01'::date AND e.day AND true)
             OR EXISTS (SELECT 1 FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) l
               WHERE l.metric = 'course_viewers' AND l.member = e.user_id AND l.keys = ARRAY[e.course_id] AND l.day <= e.day) AS viewed
           FROM (SELECT a.user_id, a.course_id, (a.granted_at AT TIME ZONE 'UTC')::date AS day FROM (SELECT user_id, course_id, granted_at FROM public.course_access) a
             WHERE a.granted_at >= '2026-01-01'::date::timestamp AT TIME ZONE 'UTC'
               AND a.granted_at < ('2026-01-31'::date + 1)::timestamp AT TIME ZONE 'UTC' ) e)
         SELECT course_id, count(*)::int AS enrolments, (count(*) FILTER (WHERE viewed))::int AS viewers,
           (SELECT count(DISTINCT user_id) FROM e WHERE viewed)::int AS learners
         FROM e GROUP BY course_id;

-- journey/module-progression {}, query 1 (every day stored)
SELECT max(course_id) AS course_id, module_id,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_started'), 0) AS started,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_completed'), 0) AS completed
         FROM (SELECT * FROM public.analytics_daily_module_events WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) e 
         GROUP BY module_id;

-- content/top-classes {"courseId":"course-1"}, query 1 (every day stored)
SELECT class_id AS "classId", max(course_id) AS "courseId", sum(page_views) AS "views", sum(class_starts) AS "starts", sum(class_completions) AS "completions", sum(reached25) AS "reached25", sum(reached50) AS "reached50", sum(reached75) AS "reached75", sum(contest_starts) AS "contestStarts", sum(contest_completions) AS "contestCompletions", sum(video_events) AS "videoEvents", sum(contest_events) AS "contestEvents"
     FROM (SELECT * FROM public.analytics_daily_content_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c WHERE class_id IS NOT NULL AND (course_id = $1 OR class_id = ANY($2::text[])) GROUP BY class_id;

-- journey/course-discovery {"courseId":"course-1"}, query 1 (every day stored)
SELECT course_id, sum(course_views) AS views FROM (SELECT * FROM public.analytics_daily_content_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c
         WHERE course_views > 0 AND course_id IS NOT NULL AND course_id = $1 GROUP BY 1;

-- journey/course-discovery {"courseId":"course-1"}, query 2 (every day stored)
SELECT keys[1] AS course_id, members FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'course_viewers' AND c.keys = ARRAY[$1] AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) lm WHERE metric = 'course_viewers') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE l.keys = ARRAY[$1] AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) d;

-- journey/course-discovery {"courseId":"course-1"}, query 4 (every day stored)
WITH e AS MATERIALIZED (
           SELECT e.user_id, e.course_id,
             EXISTS (SELECT 1 FROM public.analytics_daily_chain_members h
               WHERE h.metric = 'course_viewers' AND h.member = e.user_id AND h.keys[1] = e.course_id
                 AND h.day BETWEEN '2026-01-01'::date AND e.day AND true)
             OR EXISTS (SELECT 1 FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) l
               WHERE l.metric = 'course_viewers' AND l.member = e.user_id AND l.keys = ARRAY[e.course_id] AND l.day <= e.day) AS viewed
           FROM (SELECT a.user_id, a.course_id, (a.granted_at AT TIME ZONE 'UTC')::date AS day FROM (SELECT user_id, course_id, granted_at FROM public.course_access) a
             WHERE a.granted_at >= '2026-01-01'::date::timestamp AT TIME ZONE 'UTC'
               AND a.granted_at < ('2026-01-31'::date + 1)::timestamp AT TIME ZONE 'UTC' AND course_id = $1) e)
         SELECT course_id, count(*)::int AS enrolments, (count(*) FILTER (WHERE viewed))::int AS viewers,
           (SELECT count(DISTINCT user_id) FROM e WHERE viewed)::int AS learners
         FROM e GROUP BY course_id;

-- journey/module-progression {"courseId":"course-1"}, query 1 (every day stored)
SELECT max(course_id) AS course_id, module_id,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_started'), 0) AS started,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_completed'), 0) AS completed
         FROM (SELECT * FROM public.analytics_daily_module_events WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) e WHERE course_id = $1 OR module_id = ANY($2::text[])
         GROUP BY module_id;

-- journey/login-funnel {}, query 1 (every day stored)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM (SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
         SELECT step, sum(sessions) AS sessions FROM (
           SELECT step, sessions FROM (SELECT * FROM public.analytics_daily_session_funnel WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) f WHERE true
           UNION ALL SELECT funnel[1], -1 FROM m WHERE true
           UNION ALL SELECT funnel_step, 1 FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true
         ) x GROUP BY step;

-- journey/login-funnel {"platform":"web","utmSource":"google"}, query 1 (every day stored)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM (SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
         SELECT step, sum(sessions) AS sessions FROM (
           SELECT step, sessions FROM (SELECT * FROM public.analytics_daily_session_funnel WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) f WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
           UNION ALL SELECT funnel[1], -1 FROM m WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
           UNION ALL SELECT funnel_step, 1 FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
         ) x GROUP BY step;

-- journey/login-funnel {"utmSource":"Direct"}, query 1 (every day stored)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM (SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
         SELECT step, sum(sessions) AS sessions FROM (
           SELECT step, sessions FROM (SELECT * FROM public.analytics_daily_session_funnel WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) f WHERE true AND coalesce(utm_source, 'Direct') = $1
           UNION ALL SELECT funnel[1], -1 FROM m WHERE true AND coalesce(utm_source, 'Direct') = $1
           UNION ALL SELECT funnel_step, 1 FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true AND coalesce(utm_source, 'Direct') = $1
         ) x GROUP BY step;

-- journey/milestone-times, query 1 (every day stored)
SELECT count(*)::int AS users, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS median_ms, sum(ms) AS sum_ms
         FROM (SELECT floor(round(date_part('epoch', f.first_at) * 1000000) / 1000) - floor(round(date_part('epoch', u.created_at) * 1000000) / 1000) AS ms
               FROM (SELECT milestone, user_id, first_at, prev_first_at FROM (SELECT * FROM public.analytics_daily_user_firsts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s) f JOIN (SELECT id AS user_id, created_at FROM public.users) u USING (user_id)
               WHERE f.milestone = $1) x
         WHERE ms >= 0;

-- journey/milestone-times, query 2 (every day stored)
WITH r AS (SELECT milestone, bucket, reached, sum_ms, gaps, counts FROM (SELECT * FROM public.analytics_daily_milestone_gaps WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) g),
  t AS (SELECT milestone, sum(reached) AS reached, coalesce(sum(reached) FILTER (WHERE bucket > 0), 0) AS users,
          sum(sum_ms) AS sum_ms FROM r GROUP BY 1),
  p AS (SELECT milestone, (users - 1) / 2 AS lo, users / 2 AS hi FROM t WHERE users > 0),
  c AS (SELECT milestone, bucket, n, sum(n) OVER (PARTITION BY milestone ORDER BY bucket) - n AS below
        FROM (SELECT milestone, bucket, sum(reached) AS n FROM r WHERE bucket > 0 GROUP BY 1, 2) b),
  w AS (SELECT c.milestone, c.bucket, c.below FROM c JOIN p USING (milestone) WHERE c.below <= p.hi AND c.below + c.n > p.lo),
  x AS (SELECT r.milestone, g.ms, sum(g.n) AS n FROM r JOIN w USING (milestone, bucket)
        CROSS JOIN LATERAL unnest(r.gaps, r.counts) AS g(ms, n) GROUP BY 1, 2),
  v AS (SELECT x.milestone, x.ms, x.n, m.base + sum(x.n) OVER (PARTITION BY x.milestone ORDER BY x.ms) - x.n AS start
        FROM x JOIN (SELECT milestone, min(below) AS base FROM w GROUP BY 1) m USING (milestone))
SELECT t.milestone, t.reached, t.users, t.sum_ms,
  (SELECT v.ms FROM v WHERE v.milestone = p.milestone AND p.lo >= v.start AND p.lo < v.start + v.n) AS lo_ms,
  (SELECT v.ms FROM v WHERE v.milestone = p.milestone AND p.hi >= v.start AND p.hi < v.start + v.n) AS hi_ms
FROM t LEFT JOIN p USING (milestone);

-- marketing/utm-performance {}, query 1 (every day stored)
SELECT t.utm_source, t.utm_medium, t.utm_campaign, t.events, t.page_views, coalesce(u.members, 0) AS users, coalesce(c.members, 0) AS conversions
         FROM (SELECT utm_source, utm_medium, utm_campaign, sum(events) AS events, sum(page_views) AS page_views
               FROM (SELECT * FROM public.analytics_daily_campaigns WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) x WHERE utm_source IS NOT NULL AND true GROUP BY 1, 2, 3) t
         LEFT JOIN (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_users' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) lm WHERE metric = 'utm_users') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) u ON u.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         LEFT JOIN (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_converters' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) lm WHERE metric = 'utm_converters') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) c ON c.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         ORDER BY users DESC, events DESC, t.utm_source, t.utm_medium NULLS LAST, t.utm_campaign NULLS LAST;

-- marketing/utm-performance {}, query 2 (every day stored)
SELECT (SELECT sum(members) FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_users_total' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) lm WHERE metric = 'utm_users_total') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) u) AS users,
                (SELECT sum(members) FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_converters_total' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) lm WHERE metric = 'utm_converters_total') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) c) AS conversions;

-- marketing/utm-performance {"utmSource":"google"}, query 1 (every day stored)
SELECT t.utm_source, t.utm_medium, t.utm_campaign, t.events, t.page_views, coalesce(u.members, 0) AS users, coalesce(c.members, 0) AS conversions
         FROM (SELECT utm_source, utm_medium, utm_campaign, sum(events) AS events, sum(page_views) AS page_views
               FROM (SELECT * FROM public.analytics_daily_campaigns WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) x WHERE utm_source IS NOT NULL AND utm_source = $1 GROUP BY 1, 2, 3) t
         LEFT JOIN (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_users' AND c.keys[1] = $1 AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) lm WHERE metric = 'utm_users') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE l.keys[1] = $1 AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) u ON u.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         LEFT JOIN (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_converters' AND c.keys[1] = $1 AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) lm WHERE metric = 'utm_converters') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE l.keys[1] = $1 AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) c ON c.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         ORDER BY users DESC, events DESC, t.utm_source, t.utm_medium NULLS LAST, t.utm_campaign NULLS LAST;

-- marketing/utm-performance {"utmSource":"google"}, query 2 (every day stored)
SELECT (SELECT sum(members) FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_users_by_source' AND c.keys = ARRAY[$1] AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) lm WHERE metric = 'utm_users_by_source') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE l.keys = ARRAY[$1] AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) u) AS users,
                (SELECT sum(members) FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_converters_by_source' AND c.keys = ARRAY[$1] AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM (SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false) lm WHERE metric = 'utm_converters_by_source') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE l.keys = ARRAY[$1] AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) c) AS conversions;

-- marketing/traffic-sources {}, query 1 (every day stored)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM (SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT coalesce(utm_source, 'Direct') AS key, sessions, page_views, bounces, conversions FROM (SELECT * FROM public.analytics_daily_session_landings WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) l WHERE landing_page IS NOT NULL AND true
       UNION ALL
       SELECT coalesce(utm_source, 'Direct'), -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE landing_page IS NOT NULL AND true
       UNION ALL
       SELECT coalesce(utm_source, 'Direct'), 1, page_views, (page_views = 1)::int, converted::int FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE landing_page IS NOT NULL AND true
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key;

-- marketing/traffic-sources {"platform":"mobile"}, query 1 (every day stored)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM (SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT coalesce(utm_source, 'Direct') AS key, sessions, page_views, bounces, conversions FROM (SELECT * FROM public.analytics_daily_session_landings WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) l WHERE landing_page IS NOT NULL AND true AND platform = $1
       UNION ALL
       SELECT coalesce(utm_source, 'Direct'), -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE landing_page IS NOT NULL AND true AND platform = $1
       UNION ALL
       SELECT coalesce(utm_source, 'Direct'), 1, page_views, (page_views = 1)::int, converted::int FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE landing_page IS NOT NULL AND true AND platform = $1
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key;

-- marketing/landing-pages {}, query 1 (every day stored)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM (SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT landing_page AS key, sessions, page_views, bounces, conversions FROM (SELECT * FROM public.analytics_daily_session_landings WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) l WHERE landing_page IS NOT NULL AND true
       UNION ALL
       SELECT landing_page, -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE landing_page IS NOT NULL AND true
       UNION ALL
       SELECT landing_page, 1, page_views, (page_views = 1)::int, converted::int FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE landing_page IS NOT NULL AND true
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key;

-- marketing/landing-pages {"platform":"web","utmSource":"google"}, query 1 (every day stored)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM (SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT landing_page AS key, sessions, page_views, bounces, conversions FROM (SELECT * FROM public.analytics_daily_session_landings WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) l WHERE landing_page IS NOT NULL AND true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
       UNION ALL
       SELECT landing_page, -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE landing_page IS NOT NULL AND true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
       UNION ALL
       SELECT landing_page, 1, page_views, (page_views = 1)::int, converted::int FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE landing_page IS NOT NULL AND true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key;

-- marketing/landing-pages {"utmSource":"Direct"}, query 1 (every day stored)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s ) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM (SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT landing_page AS key, sessions, page_views, bounces, conversions FROM (SELECT * FROM public.analytics_daily_session_landings WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND true) l WHERE landing_page IS NOT NULL AND true AND coalesce(utm_source, 'Direct') = $1
       UNION ALL
       SELECT landing_page, -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE landing_page IS NOT NULL AND true AND coalesce(utm_source, 'Direct') = $1
       UNION ALL
       SELECT landing_page, 1, page_views, (page_views = 1)::int, converted::int FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE landing_page IS NOT NULL AND true AND coalesce(utm_source, 'Direct') = $1
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key;

-- engagement/active-users day, query 1 (last day live)
SELECT to_char(period, 'YYYY-MM-DD') AS period, members FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) c CROSS JOIN LATERAL (SELECT greatest(date_trunc('day', c.day)::date, '2026-01-01'::date) AS period) p
      WHERE c.metric = 'active_users' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'active_users') l CROSS JOIN LATERAL (SELECT greatest(date_trunc('day', l.day)::date, '2026-01-01'::date) AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) d;

-- engagement/active-users day, query 2 (last day live)
SELECT to_char(period, 'YYYY-MM-DD') AS period, members FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'active_users' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'active_users') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) d;

-- engagement/active-users week, query 1 (last day live)
SELECT to_char(period, 'YYYY-MM-DD') AS period, members FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) c CROSS JOIN LATERAL (SELECT greatest(date_trunc('week', c.day)::date, '2026-01-01'::date) AS period) p
      WHERE c.metric = 'active_users' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'active_users') l CROSS JOIN LATERAL (SELECT greatest(date_trunc('week', l.day)::date, '2026-01-01'::date) AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) d;

-- engagement/active-users month, query 1 (last day live)
SELECT to_char(period, 'YYYY-MM-DD') AS period, members FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) c CROSS JOIN LATERAL (SELECT greatest(date_trunc('month', c.day)::date, '2026-01-01'::date) AS period) p
      WHERE c.metric = 'active_users' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'active_users') l CROSS JOIN LATERAL (SELECT greatest(date_trunc('month', l.day)::date, '2026-01-01'::date) AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) d;

-- engagement/session-durations {}, query 1 (last day live)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
        SELECT bucket, sum(sessions) AS sessions, sum(seconds) AS seconds FROM (
          SELECT bucket, sessions, seconds FROM ((SELECT * FROM public.analytics_daily_session_durations WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_durations) d WHERE true
          UNION ALL
          SELECT width_bucket(extract(epoch FROM last_at - first_at), ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, -1, -extract(epoch FROM last_at - first_at) FROM m WHERE true
          UNION ALL
          SELECT width_bucket(seconds, ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, 1, seconds FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true
        ) x GROUP BY bucket;

-- engagement/session-durations {"platform":"web","utmSource":"google"}, query 1 (last day live)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
        SELECT bucket, sum(sessions) AS sessions, sum(seconds) AS seconds FROM (
          SELECT bucket, sessions, seconds FROM ((SELECT * FROM public.analytics_daily_session_durations WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_durations) d WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
          UNION ALL
          SELECT width_bucket(extract(epoch FROM last_at - first_at), ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, -1, -extract(epoch FROM last_at - first_at) FROM m WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
          UNION ALL
          SELECT width_bucket(seconds, ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, 1, seconds FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
        ) x GROUP BY bucket;

-- engagement/session-durations {"utmSource":"Direct"}, query 1 (last day live)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
        SELECT bucket, sum(sessions) AS sessions, sum(seconds) AS seconds FROM (
          SELECT bucket, sessions, seconds FROM ((SELECT * FROM public.analytics_daily_session_durations WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_durations) d WHERE true AND coalesce(utm_source, 'Direct') = $1
          UNION ALL
          SELECT width_bucket(extract(epoch FROM last_at - first_at), ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, -1, -extract(epoch FROM last_at - first_at) FROM m WHERE true AND coalesce(utm_source, 'Direct') = $1
          UNION ALL
          SELECT width_bucket(seconds, ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, 1, seconds FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true AND coalesce(utm_source, 'Direct') = $1
        ) x GROUP BY bucket;

-- engagement/page-views page, query 1 (last day live)
SELECT page, views FROM (SELECT page AS page, sum(page_views)::bigint AS views FROM ((SELECT * FROM public.analytics_daily_pages WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_pages) p GROUP BY 1) g ORDER BY views DESC, page LIMIT $1;

-- engagement/page-views page, query 2 (last day live)
SELECT sum(views) AS views, count(*) AS pages FROM (SELECT page AS page, sum(page_views)::bigint AS views FROM ((SELECT * FROM public.analytics_daily_pages WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_pages) p GROUP BY 1) g;

-- engagement/page-views pageType, query 1 (last day live)
SELECT page, views FROM (SELECT '/' || split_part(ltrim(page, '/'), '/', 1) AS page, sum(page_views)::bigint AS views FROM ((SELECT * FROM public.analytics_daily_pages WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_pages) p GROUP BY 1) g ORDER BY views DESC, page LIMIT $1;

-- engagement/page-views pageType, query 2 (last day live)
SELECT sum(views) AS views, count(*) AS pages FROM (SELECT '/' || split_part(ltrim(page, '/'), '/', 1) AS page, sum(page_views)::bigint AS views FROM ((SELECT * FROM public.analytics_daily_pages WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_pages) p GROUP BY 1) g;

-- content/top-classes {}, query 1 (last day live)
SELECT class_id AS "classId", max(course_id) AS "courseId", sum(page_views) AS "views", sum(class_starts) AS "starts", sum(class_completions) AS "completions", sum(reached25) AS "reached25", sum(reached50) AS "reached50", sum(reached75) AS "reached75", sum(contest_starts) AS "contestStarts", sum(contest_completions) AS "contestCompletions", sum(video_events) AS "videoEvents", sum(contest_events) AS "contestEvents"
     FROM ((SELECT * FROM public.analytics_daily_content_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_content_counts) c WHERE class_id IS NOT NULL GROUP BY class_id;

-- journey/course-discovery {}, query 1 (last day live)
SELECT course_id, sum(course_views) AS views FROM ((SELECT * FROM public.analytics_daily_content_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_content_counts) c
         WHERE course_views > 0 AND course_id IS NOT NULL  GROUP BY 1;

-- journey/course-discovery {}, query 2 (last day live)
SELECT keys[1] AS course_id, members FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'course_viewers' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'course_viewers') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) d;

-- journey/course-discovery {}, query 3 (last day live)
SELECT sum(members) AS members FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'course_viewers_total' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'course_viewers_total') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) d;

-- journey/course-discovery {}, query 4 (last day live)
WITH e AS MATERIALIZED (
           SELECT e.user_id, e.course_id,
             EXISTS (SELECT 1 FROM public.analytics_daily_chain_members h
               WHERE h.metric = 'course_viewers' AND h.member = e.user_id AND h.keys[1] = e.course_id
                 AND h.day BETWEEN '2026-01-01'::date AND e.day AND h.day <> ALL('{2026-01-31}'::date[]))
             OR EXISTS (SELECT 1 FROM pg_temp.report_live_members l
               WHERE l.metric = 'course_viewers' AND l.member = e.user_id AND l.keys = ARRAY[e.course_id] AND l.day <= e.day) AS viewed
           FROM (SELECT a.user_id, a.course_id, (a.granted_at AT TIME ZONE 'UTC')::date AS day FROM (SELECT user_id, course_id, granted_at FROM public.course_access) a
             WHERE a.granted_at >= '2026-01-01'::date::timestamp AT TIME ZONE 'UTC'
               AND a.granted_at < ('2026-01-31'::date + 1)::timestamp AT TIME ZONE 'UTC' ) e)
         SELECT course_id, count(*)::int AS enrolments, (count(*) FILTER (WHERE viewed))::int AS viewers,
           (SELECT count(DISTINCT user_id) FROM e WHERE viewed)::int AS learners
         FROM e GROUP BY course_id;

-- journey/module-progression {}, query 1 (last day live)
SELECT max(course_id) AS course_id, module_id,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_started'), 0) AS started,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_completed'), 0) AS completed
         FROM ((SELECT * FROM public.analytics_daily_module_events WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_module_events) e 
         GROUP BY module_id;

-- content/top-classes {"courseId":"course-1"}, query 1 (last day live)
SELECT class_id AS "classId", max(course_id) AS "courseId", sum(page_views) AS "views", sum(class_starts) AS "starts", sum(class_completions) AS "completions", sum(reached25) AS "reached25", sum(reached50) AS "reached50", sum(reached75) AS "reached75", sum(contest_starts) AS "contestStarts", sum(contest_completions) AS "contestCompletions", sum(video_events) AS "videoEvents", sum(contest_events) AS "contestEvents"
     FROM ((SELECT * FROM public.analytics_daily_content_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_content_counts) c WHERE class_id IS NOT NULL AND (course_id = $1 OR class_id = ANY($2::text[])) GROUP BY class_id;

-- journey/course-discovery {"courseId":"course-1"}, query 1 (last day live)
SELECT course_id, sum(course_views) AS views FROM ((SELECT * FROM public.analytics_daily_content_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_content_counts) c
         WHERE course_views > 0 AND course_id IS NOT NULL AND course_id = $1 GROUP BY 1;

-- journey/course-discovery {"courseId":"course-1"}, query 2 (last day live)
SELECT keys[1] AS course_id, members FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'course_viewers' AND c.keys = ARRAY[$1] AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'course_viewers') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE l.keys = ARRAY[$1] AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) d;

-- journey/course-discovery {"courseId":"course-1"}, query 4 (last day live)
WITH e AS MATERIALIZED (
           SELECT e.user_id, e.course_id,
             EXISTS (SELECT 1 FROM public.analytics_daily_chain_members h
               WHERE h.metric = 'course_viewers' AND h.member = e.user_id AND h.keys[1] = e.course_id
                 AND h.day BETWEEN '2026-01-01'::date AND e.day AND h.day <> ALL('{2026-01-31}'::date[]))
             OR EXISTS (SELECT 1 FROM pg_temp.report_live_members l
               WHERE l.metric = 'course_viewers' AND l.member = e.user_id AND l.keys = ARRAY[e.course_id] AND l.day <= e.day) AS viewed
           FROM (SELECT a.user_id, a.course_id, (a.granted_at AT TIME ZONE 'UTC')::date AS day FROM (SELECT user_id, course_id, granted_at FROM public.course_access) a
             WHERE a.granted_at >= '2026-01-01'::date::timestamp AT TIME ZONE 'UTC'
               AND a.granted_at < ('2026-01-31'::date + 1)::timestamp AT TIME ZONE 'UTC' AND course_id = $1) e)
         SELECT course_id, count(*)::int AS enrolments, (count(*) FILTER (WHERE viewed))::int AS viewers,
           (SELECT count(DISTINCT user_id) FROM e WHERE viewed)::int AS learners
         FROM e GROUP BY course_id;

-- journey/module-progression {"courseId":"course-1"}, query 1 (last day live)
SELECT max(course_id) AS course_id, module_id,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_started'), 0) AS started,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_completed'), 0) AS completed
         FROM ((SELECT * FROM public.analytics_daily_module_events WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_module_events) e WHERE course_id = $1 OR module_id = ANY($2::text[])
         GROUP BY module_id;

-- journey/login-funnel {}, query 1 (last day live)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
         SELECT step, sum(sessions) AS sessions FROM (
           SELECT step, sessions FROM ((SELECT * FROM public.analytics_daily_session_funnel WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_funnel) f WHERE true
           UNION ALL SELECT funnel[1], -1 FROM m WHERE true
           UNION ALL SELECT funnel_step, 1 FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true
         ) x GROUP BY step;

-- journey/login-funnel {"platform":"web","utmSource":"google"}, query 1 (last day live)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
         SELECT step, sum(sessions) AS sessions FROM (
           SELECT step, sessions FROM ((SELECT * FROM public.analytics_daily_session_funnel WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_funnel) f WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
           UNION ALL SELECT funnel[1], -1 FROM m WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
           UNION ALL SELECT funnel_step, 1 FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
         ) x GROUP BY step;

-- journey/login-funnel {"utmSource":"Direct"}, query 1 (last day live)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
         SELECT step, sum(sessions) AS sessions FROM (
           SELECT step, sessions FROM ((SELECT * FROM public.analytics_daily_session_funnel WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_funnel) f WHERE true AND coalesce(utm_source, 'Direct') = $1
           UNION ALL SELECT funnel[1], -1 FROM m WHERE true AND coalesce(utm_source, 'Direct') = $1
           UNION ALL SELECT funnel_step, 1 FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true AND coalesce(utm_source, 'Direct') = $1
         ) x GROUP BY step;

-- journey/milestone-times, query 1 (last day live)
SELECT count(*)::int AS users, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS median_ms, sum(ms) AS sum_ms
         FROM (SELECT floor(round(date_part('epoch', f.first_at) * 1000000) / 1000) - floor(round(date_part('epoch', u.created_at) * 1000000) / 1000) AS ms
               FROM (SELECT DISTINCT ON (user_id, milestone) * FROM (SELECT milestone, user_id, first_at, prev_first_at FROM (SELECT * FROM public.analytics_daily_user_firsts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT l.milestone, l.user_id, l.first_at, least(
        (SELECT min(x.first_at) FROM pg_temp.report_live_firsts x WHERE x.user_id = l.user_id AND x.milestone = CASE l.milestone WHEN 'class_started' THEN 'course_viewed' WHEN 'class_completed' THEN 'class_started' WHEN 'module_completed' THEN 'class_completed' END),
        (SELECT h.first_at FROM public.analytics_daily_user_firsts h WHERE h.user_id = l.user_id AND h.milestone = CASE l.milestone WHEN 'class_started' THEN 'course_viewed' WHEN 'class_completed' THEN 'class_started' WHEN 'module_completed' THEN 'class_completed' END AND h.day <> ALL('{2026-01-31}'::date[]))) AS prev_first_at
      FROM pg_temp.report_live_firsts l
      WHERE l.day <> ALL('{}'::date[])
        AND NOT EXISTS (SELECT 1 FROM public.analytics_daily_user_firsts h
          WHERE h.user_id = l.user_id AND h.milestone = l.milestone AND h.first_at < l.first_at AND h.day <> ALL('{2026-01-31}'::date[]))
        AND NOT EXISTS (SELECT 1 FROM pg_temp.report_live_firsts e
          WHERE e.day = ANY('{}'::date[]) AND e.user_id = l.user_id AND e.milestone = l.milestone)) x
    ORDER BY user_id, milestone, first_at) f JOIN (SELECT id AS user_id, created_at FROM public.users) u USING (user_id)
               WHERE f.milestone = $1) x
         WHERE ms >= 0;

-- journey/milestone-times, query 2 (last day live)
WITH r AS (SELECT milestone, bucket, reached, sum_ms, gaps, counts FROM (SELECT * FROM public.analytics_daily_milestone_gaps WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) g UNION ALL SELECT milestone, bucket, sum(n)::int AS reached,
    coalesce(sum(total), 0) AS sum_ms,
    coalesce(array_agg(ms ORDER BY ms) FILTER (WHERE bucket > 0), '{}') AS gaps,
    coalesce(array_agg(n ORDER BY ms) FILTER (WHERE bucket > 0), '{}') AS counts
  FROM (SELECT milestone, coalesce(width_bucket(ms::float8, ARRAY[0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 15, 18, 23, 28, 36, 44, 56, 69, 87, 108, 136, 169, 212, 265, 331, 414, 517, 646, 808, 1010, 1262, 1578, 1972, 2465, 3081, 3852, 4815, 6019, 7523, 9404, 11755, 14694, 18367, 22959, 28699, 35873, 44842, 56052, 70065, 87581, 109476, 136846, 171057, 213821, 267276, 334096, 417619, 522024, 652530, 815663, 1019579, 1274474, 1593092, 1991365, 2489206, 3111508, 3889385, 4861731, 6077163, 7596454, 9495568, 11869460, 14836825, 18546031, 23182538, 28978173, 36222716, 45278395, 56597994, 70747493, 88434366, 110542958, 138178697, 172723371, 215904214, 269880267, 337350334, 421687918, 527109897, 658887371, 823609214, 1029511518, 1286889397, 1608611747, 2010764683, 2513455854, 3141819818, 3927274772, 4909093465, 6136366832, 7670458540, 9588073174, 11985091468, 14981364335, 18726705419, 23408381773, 29260477217, 36575596521, 45719495651, 57149369564, 71436711955, 89295889944, 111619862430, 139524828037, 174406035047, 218007543808, 272509429761, 340636787201]::float8[]), 0)::smallint AS bucket,
          ms::float8 AS ms, count(*)::int AS n, sum(ms) AS total
        FROM (SELECT milestone, CASE WHEN prev_first_at <= first_at THEN extract(epoch FROM first_at - prev_first_at) * 1000 END AS ms
              FROM (SELECT DISTINCT ON (user_id, milestone) * FROM (SELECT l.milestone, l.user_id, l.first_at, least(
        (SELECT min(x.first_at) FROM pg_temp.report_live_firsts x WHERE x.user_id = l.user_id AND x.milestone = CASE l.milestone WHEN 'class_started' THEN 'course_viewed' WHEN 'class_completed' THEN 'class_started' WHEN 'module_completed' THEN 'class_completed' END),
        (SELECT h.first_at FROM public.analytics_daily_user_firsts h WHERE h.user_id = l.user_id AND h.milestone = CASE l.milestone WHEN 'class_started' THEN 'course_viewed' WHEN 'class_completed' THEN 'class_started' WHEN 'module_completed' THEN 'class_completed' END AND h.day <> ALL('{2026-01-31}'::date[]))) AS prev_first_at
      FROM pg_temp.report_live_firsts l
      WHERE l.day <> ALL('{}'::date[])
        AND NOT EXISTS (SELECT 1 FROM public.analytics_daily_user_firsts h
          WHERE h.user_id = l.user_id AND h.milestone = l.milestone AND h.first_at < l.first_at AND h.day <> ALL('{2026-01-31}'::date[]))
        AND NOT EXISTS (SELECT 1 FROM pg_temp.report_live_firsts e
          WHERE e.day = ANY('{}'::date[]) AND e.user_id = l.user_id AND e.milestone = l.milestone)) x ORDER BY user_id, milestone, first_at) s WHERE milestone <> 'course_viewed') g
        GROUP BY 1, 2, 3) v
  GROUP BY 1, 2),
  t AS (SELECT milestone, sum(reached) AS reached, coalesce(sum(reached) FILTER (WHERE bucket > 0), 0) AS users,
          sum(sum_ms) AS sum_ms FROM r GROUP BY 1),
  p AS (SELECT milestone, (users - 1) / 2 AS lo, users / 2 AS hi FROM t WHERE users > 0),
  c AS (SELECT milestone, bucket, n, sum(n) OVER (PARTITION BY milestone ORDER BY bucket) - n AS below
        FROM (SELECT milestone, bucket, sum(reached) AS n FROM r WHERE bucket > 0 GROUP BY 1, 2) b),
  w AS (SELECT c.milestone, c.bucket, c.below FROM c JOIN p USING (milestone) WHERE c.below <= p.hi AND c.below + c.n > p.lo),
  x AS (SELECT r.milestone, g.ms, sum(g.n) AS n FROM r JOIN w USING (milestone, bucket)
        CROSS JOIN LATERAL unnest(r.gaps, r.counts) AS g(ms, n) GROUP BY 1, 2),
  v AS (SELECT x.milestone, x.ms, x.n, m.base + sum(x.n) OVER (PARTITION BY x.milestone ORDER BY x.ms) - x.n AS start
        FROM x JOIN (SELECT milestone, min(below) AS base FROM w GROUP BY 1) m USING (milestone))
SELECT t.milestone, t.reached, t.users, t.sum_ms,
  (SELECT v.ms FROM v WHERE v.milestone = p.milestone AND p.lo >= v.start AND p.lo < v.start + v.n) AS lo_ms,
  (SELECT v.ms FROM v WHERE v.milestone = p.milestone AND p.hi >= v.start AND p.hi < v.start + v.n) AS hi_ms
FROM t LEFT JOIN p USING (milestone);

-- marketing/utm-performance {}, query 1 (last day live)
SELECT t.utm_source, t.utm_medium, t.utm_campaign, t.events, t.page_views, coalesce(u.members, 0) AS users, coalesce(c.members, 0) AS conversions
         FROM (SELECT utm_source, utm_medium, utm_campaign, sum(events) AS events, sum(page_views) AS page_views
               FROM ((SELECT * FROM public.analytics_daily_campaigns WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_campaigns) x WHERE utm_source IS NOT NULL AND true GROUP BY 1, 2, 3) t
         LEFT JOIN (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_users' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_users') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) u ON u.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         LEFT JOIN (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_converters' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_converters') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) c ON c.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         ORDER BY users DESC, events DESC, t.utm_source, t.utm_medium NULLS LAST, t.utm_campaign NULLS LAST;

-- marketing/utm-performance {}, query 2 (last day live)
SELECT (SELECT sum(members) FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_users_total' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_users_total') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) u) AS users,
                (SELECT sum(members) FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_converters_total' AND true AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_converters_total') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE true AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) c) AS conversions;

-- marketing/utm-performance {"utmSource":"google"}, query 1 (last day live)
SELECT t.utm_source, t.utm_medium, t.utm_campaign, t.events, t.page_views, coalesce(u.members, 0) AS users, coalesce(c.members, 0) AS conversions
         FROM (SELECT utm_source, utm_medium, utm_campaign, sum(events) AS events, sum(page_views) AS page_views
               FROM ((SELECT * FROM public.analytics_daily_campaigns WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_campaigns) x WHERE utm_source IS NOT NULL AND utm_source = $1 GROUP BY 1, 2, 3) t
         LEFT JOIN (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_users' AND c.keys[1] = $1 AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_users') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE l.keys[1] = $1 AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) u ON u.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         LEFT JOIN (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_converters' AND c.keys[1] = $1 AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_converters') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE l.keys[1] = $1 AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) c ON c.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         ORDER BY users DESC, events DESC, t.utm_source, t.utm_medium NULLS LAST, t.utm_campaign NULLS LAST;

-- marketing/utm-performance {"utmSource":"google"}, query 2 (last day live)
SELECT (SELECT sum(members) FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_users_by_source' AND c.keys = ARRAY[$1] AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_users_by_source') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE l.keys = ARRAY[$1] AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) u) AS users,
                (SELECT sum(members) FROM (SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM (SELECT * FROM public.analytics_daily_chain_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) c CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE c.metric = 'utm_converters_by_source' AND c.keys = ARRAY[$1] AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_converters_by_source') l CROSS JOIN LATERAL (SELECT '2026-01-01'::date AS period) p
      WHERE l.keys = ARRAY[$1] AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2) c) AS conversions;

-- marketing/traffic-sources {}, query 1 (last day live)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT coalesce(utm_source, 'Direct') AS key, sessions, page_views, bounces, conversions FROM ((SELECT * FROM public.analytics_daily_session_landings WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_landings) l WHERE landing_page IS NOT NULL AND true
       UNION ALL
       SELECT coalesce(utm_source, 'Direct'), -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE landing_page IS NOT NULL AND true
       UNION ALL
       SELECT coalesce(utm_source, 'Direct'), 1, page_views, (page_views = 1)::int, converted::int FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE landing_page IS NOT NULL AND true
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key;

-- marketing/traffic-sources {"platform":"mobile"}, query 1 (last day live)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT coalesce(utm_source, 'Direct') AS key, sessions, page_views, bounces, conversions FROM ((SELECT * FROM public.analytics_daily_session_landings WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_landings) l WHERE landing_page IS NOT NULL AND true AND platform = $1
       UNION ALL
       SELECT coalesce(utm_source, 'Direct'), -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE landing_page IS NOT NULL AND true AND platform = $1
       UNION ALL
       SELECT coalesce(utm_source, 'Direct'), 1, page_views, (page_views = 1)::int, converted::int FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE landing_page IS NOT NULL AND true AND platform = $1
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key;

-- marketing/landing-pages {}, query 1 (last day live)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT landing_page AS key, sessions, page_views, bounces, conversions FROM ((SELECT * FROM public.analytics_daily_session_landings WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_landings) l WHERE landing_page IS NOT NULL AND true
       UNION ALL
       SELECT landing_page, -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE landing_page IS NOT NULL AND true
       UNION ALL
       SELECT landing_page, 1, page_views, (page_views = 1)::int, converted::int FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE landing_page IS NOT NULL AND true
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key;

-- marketing/landing-pages {"platform":"web","utmSource":"google"}, query 1 (last day live)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT landing_page AS key, sessions, page_views, bounces, conversions FROM ((SELECT * FROM public.analytics_daily_session_landings WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_landings) l WHERE landing_page IS NOT NULL AND true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
       UNION ALL
       SELECT landing_page, -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE landing_page IS NOT NULL AND true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
       UNION ALL
       SELECT landing_page, 1, page_views, (page_views = 1)::int, converted::int FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE landing_page IS NOT NULL AND true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key;

-- marketing/landing-pages {"utmSource":"Direct"}, query 1 (last day live)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT landing_page AS key, sessions, page_views, bounces, conversions FROM ((SELECT * FROM public.analytics_daily_session_landings WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-31}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_landings) l WHERE landing_page IS NOT NULL AND true AND coalesce(utm_source, 'Direct') = $1
       UNION ALL
       SELECT landing_page, -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE landing_page IS NOT NULL AND true AND coalesce(utm_source, 'Direct') = $1
       UNION ALL
       SELECT landing_page, 1, page_views, (page_views = 1)::int, converted::int FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE landing_page IS NOT NULL AND true AND coalesce(utm_source, 'Direct') = $1
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key;

-- engagement/active-users day, query 1 (a live day before stored ones, a raw day before the range)
SELECT to_char(period, 'YYYY-MM-DD') AS period, members FROM (SELECT greatest(date_trunc('day', m.day)::date, '2026-01-01'::date) AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = 'active_users' AND day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
              AND day <> ALL('{2026-01-15}'::date[])
            UNION ALL SELECT day, keys, member FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'active_users') l) m
      WHERE true
      GROUP BY 1, 2) d;

-- engagement/active-users day, query 2 (a live day before stored ones, a raw day before the range)
SELECT to_char(period, 'YYYY-MM-DD') AS period, members FROM (SELECT '2026-01-01'::date AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = 'active_users' AND day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
              AND day <> ALL('{2026-01-15}'::date[])
            UNION ALL SELECT day, keys, member FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'active_users') l) m
      WHERE true
      GROUP BY 1, 2) d;

-- engagement/active-users week, query 1 (a live day before stored ones, a raw day before the range)
SELECT to_char(period, 'YYYY-MM-DD') AS period, members FROM (SELECT greatest(date_trunc('week', m.day)::date, '2026-01-01'::date) AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = 'active_users' AND day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
              AND day <> ALL('{2026-01-15}'::date[])
            UNION ALL SELECT day, keys, member FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'active_users') l) m
      WHERE true
      GROUP BY 1, 2) d;

-- engagement/active-users month, query 1 (a live day before stored ones, a raw day before the range)
SELECT to_char(period, 'YYYY-MM-DD') AS period, members FROM (SELECT greatest(date_trunc('month', m.day)::date, '2026-01-01'::date) AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = 'active_users' AND day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
              AND day <> ALL('{2026-01-15}'::date[])
            UNION ALL SELECT day, keys, member FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'active_users') l) m
      WHERE true
      GROUP BY 1, 2) d;

-- engagement/session-durations {}, query 1 (a live day before stored ones, a raw day before the range)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
        SELECT bucket, sum(sessions) AS sessions, sum(seconds) AS seconds FROM (
          SELECT bucket, sessions, seconds FROM ((SELECT * FROM public.analytics_daily_session_durations WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_durations) d WHERE true
          UNION ALL
          SELECT width_bucket(extract(epoch FROM last_at - first_at), ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, -1, -extract(epoch FROM last_at - first_at) FROM m WHERE true
          UNION ALL
          SELECT width_bucket(seconds, ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, 1, seconds FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true
        ) x GROUP BY bucket;

-- engagement/session-durations {"platform":"web","utmSource":"google"}, query 1 (a live day before stored ones, a raw day before the range)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
        SELECT bucket, sum(sessions) AS sessions, sum(seconds) AS seconds FROM (
          SELECT bucket, sessions, seconds FROM ((SELECT * FROM public.analytics_daily_session_durations WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_durations) d WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
          UNION ALL
          SELECT width_bucket(extract(epoch FROM last_at - first_at), ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, -1, -extract(epoch FROM last_at - first_at) FROM m WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
          UNION ALL
          SELECT width_bucket(seconds, ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, 1, seconds FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
        ) x GROUP BY bucket;

-- engagement/session-durations {"utmSource":"Direct"}, query 1 (a live day before stored ones, a raw day before the range)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
        SELECT bucket, sum(sessions) AS sessions, sum(seconds) AS seconds FROM (
          SELECT bucket, sessions, seconds FROM ((SELECT * FROM public.analytics_daily_session_durations WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_durations) d WHERE true AND coalesce(utm_source, 'Direct') = $1
          UNION ALL
          SELECT width_bucket(extract(epoch FROM last_at - first_at), ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, -1, -extract(epoch FROM last_at - first_at) FROM m WHERE true AND coalesce(utm_source, 'Direct') = $1
          UNION ALL
          SELECT width_bucket(seconds, ARRAY[0, 10, 30, 60, 180, 600, 1800, 3600]::numeric[])::smallint, 1, seconds FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true AND coalesce(utm_source, 'Direct') = $1
        ) x GROUP BY bucket;

-- engagement/page-views page, query 1 (a live day before stored ones, a raw day before the range)
SELECT page, views FROM (SELECT page AS page, sum(page_views)::bigint AS views FROM ((SELECT * FROM public.analytics_daily_pages WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_pages) p GROUP BY 1) g ORDER BY views DESC, page LIMIT $1;

-- engagement/page-views page, query 2 (a live day before stored ones, a raw day before the range)
SELECT sum(views) AS views, count(*) AS pages FROM (SELECT page AS page, sum(page_views)::bigint AS views FROM ((SELECT * FROM public.analytics_daily_pages WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_pages) p GROUP BY 1) g;

-- engagement/page-views pageType, query 1 (a live day before stored ones, a raw day before the range)
SELECT page, views FROM (SELECT '/' || split_part(ltrim(page, '/'), '/', 1) AS page, sum(page_views)::bigint AS views FROM ((SELECT * FROM public.analytics_daily_pages WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_pages) p GROUP BY 1) g ORDER BY views DESC, page LIMIT $1;

-- engagement/page-views pageType, query 2 (a live day before stored ones, a raw day before the range)
SELECT sum(views) AS views, count(*) AS pages FROM (SELECT '/' || split_part(ltrim(page, '/'), '/', 1) AS page, sum(page_views)::bigint AS views FROM ((SELECT * FROM public.analytics_daily_pages WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_pages) p GROUP BY 1) g;

-- content/top-classes {}, query 1 (a live day before stored ones, a raw day before the range)
SELECT class_id AS "classId", max(course_id) AS "courseId", sum(page_views) AS "views", sum(class_starts) AS "starts", sum(class_completions) AS "completions", sum(reached25) AS "reached25", sum(reached50) AS "reached50", sum(reached75) AS "reached75", sum(contest_starts) AS "contestStarts", sum(contest_completions) AS "contestCompletions", sum(video_events) AS "videoEvents", sum(contest_events) AS "contestEvents"
     FROM ((SELECT * FROM public.analytics_daily_content_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_content_counts) c WHERE class_id IS NOT NULL GROUP BY class_id;

-- journey/course-discovery {}, query 1 (a live day before stored ones, a raw day before the range)
SELECT course_id, sum(course_views) AS views FROM ((SELECT * FROM public.analytics_daily_content_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_content_counts) c
         WHERE course_views > 0 AND course_id IS NOT NULL  GROUP BY 1;

-- journey/course-discovery {}, query 2 (a live day before stored ones, a raw day before the range)
SELECT keys[1] AS course_id, members FROM (SELECT '2026-01-01'::date AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = 'course_viewers' AND day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
              AND day <> ALL('{2026-01-15}'::date[])
            UNION ALL SELECT day, keys, member FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'course_viewers') l) m
      WHERE true
      GROUP BY 1, 2) d;

-- journey/course-discovery {}, query 3 (a live day before stored ones, a raw day before the range)
SELECT sum(members) AS members FROM (SELECT '2026-01-01'::date AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = 'course_viewers_total' AND day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
              AND day <> ALL('{2026-01-15}'::date[])
            UNION ALL SELECT day, keys, member FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'course_viewers_total') l) m
      WHERE true
      GROUP BY 1, 2) d;

-- journey/course-discovery {}, query 4 (a live day before stored ones, a raw day before the range)
WITH e AS MATERIALIZED (
           SELECT e.user_id, e.course_id,
             EXISTS (SELECT 1 FROM public.analytics_daily_chain_members h
               WHERE h.metric = 'course_viewers' AND h.member = e.user_id AND h.keys[1] = e.course_id
                 AND h.day BETWEEN '2026-01-01'::date AND e.day AND h.day <> ALL('{2026-01-15}'::date[]))
             OR EXISTS (SELECT 1 FROM pg_temp.report_live_members l
               WHERE l.metric = 'course_viewers' AND l.member = e.user_id AND l.keys = ARRAY[e.course_id] AND l.day <= e.day) AS viewed
           FROM (SELECT a.user_id, a.course_id, (a.granted_at AT TIME ZONE 'UTC')::date AS day FROM (SELECT user_id, course_id, granted_at FROM public.course_access) a
             WHERE a.granted_at >= '2026-01-01'::date::timestamp AT TIME ZONE 'UTC'
               AND a.granted_at < ('2026-01-31'::date + 1)::timestamp AT TIME ZONE 'UTC' ) e)
         SELECT course_id, count(*)::int AS enrolments, (count(*) FILTER (WHERE viewed))::int AS viewers,
           (SELECT count(DISTINCT user_id) FROM e WHERE viewed)::int AS learners
         FROM e GROUP BY course_id;

-- journey/module-progression {}, query 1 (a live day before stored ones, a raw day before the range)
SELECT max(course_id) AS course_id, module_id,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_started'), 0) AS started,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_completed'), 0) AS completed
         FROM ((SELECT * FROM public.analytics_daily_module_events WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_module_events) e 
         GROUP BY module_id;

-- content/top-classes {"courseId":"course-1"}, query 1 (a live day before stored ones, a raw day before the range)
SELECT class_id AS "classId", max(course_id) AS "courseId", sum(page_views) AS "views", sum(class_starts) AS "starts", sum(class_completions) AS "completions", sum(reached25) AS "reached25", sum(reached50) AS "reached50", sum(reached75) AS "reached75", sum(contest_starts) AS "contestStarts", sum(contest_completions) AS "contestCompletions", sum(video_events) AS "videoEvents", sum(contest_events) AS "contestEvents"
     FROM ((SELECT * FROM public.analytics_daily_content_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_content_counts) c WHERE class_id IS NOT NULL AND (course_id = $1 OR class_id = ANY($2::text[])) GROUP BY class_id;

-- journey/course-discovery {"courseId":"course-1"}, query 1 (a live day before stored ones, a raw day before the range)
SELECT course_id, sum(course_views) AS views FROM ((SELECT * FROM public.analytics_daily_content_counts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_content_counts) c
         WHERE course_views > 0 AND course_id IS NOT NULL AND course_id = $1 GROUP BY 1;

-- journey/course-discovery {"courseId":"course-1"}, query 2 (a live day before stored ones, a raw day before the range)
SELECT keys[1] AS course_id, members FROM (SELECT '2026-01-01'::date AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = 'course_viewers' AND day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
              AND day <> ALL('{2026-01-15}'::date[])
            UNION ALL SELECT day, keys, member FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'course_viewers') l) m
      WHERE m.keys = ARRAY[$1]
      GROUP BY 1, 2) d;

-- journey/course-discovery {"courseId":"course-1"}, query 4 (a live day before stored ones, a raw day before the range)
WITH e AS MATERIALIZED (
           SELECT e.user_id, e.course_id,
             EXISTS (SELECT 1 FROM public.analytics_daily_chain_members h
               WHERE h.metric = 'course_viewers' AND h.member = e.user_id AND h.keys[1] = e.course_id
                 AND h.day BETWEEN '2026-01-01'::date AND e.day AND h.day <> ALL('{2026-01-15}'::date[]))
             OR EXISTS (SELECT 1 FROM pg_temp.report_live_members l
               WHERE l.metric = 'course_viewers' AND l.member = e.user_id AND l.keys = ARRAY[e.course_id] AND l.day <= e.day) AS viewed
           FROM (SELECT a.user_id, a.course_id, (a.granted_at AT TIME ZONE 'UTC')::date AS day FROM (SELECT user_id, course_id, granted_at FROM public.course_access) a
             WHERE a.granted_at >= '2026-01-01'::date::timestamp AT TIME ZONE 'UTC'
               AND a.granted_at < ('2026-01-31'::date + 1)::timestamp AT TIME ZONE 'UTC' AND course_id = $1) e)
         SELECT course_id, count(*)::int AS enrolments, (count(*) FILTER (WHERE viewed))::int AS viewers,
           (SELECT count(DISTINCT user_id) FROM e WHERE viewed)::int AS learners
         FROM e GROUP BY course_id;

-- journey/module-progression {"courseId":"course-1"}, query 1 (a live day before stored ones, a raw day before the range)
SELECT max(course_id) AS course_id, module_id,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_started'), 0) AS started,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_completed'), 0) AS completed
         FROM ((SELECT * FROM public.analytics_daily_module_events WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_module_events) e WHERE course_id = $1 OR module_id = ANY($2::text[])
         GROUP BY module_id;

-- journey/login-funnel {}, query 1 (a live day before stored ones, a raw day before the range)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
         SELECT step, sum(sessions) AS sessions FROM (
           SELECT step, sessions FROM ((SELECT * FROM public.analytics_daily_session_funnel WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_funnel) f WHERE true
           UNION ALL SELECT funnel[1], -1 FROM m WHERE true
           UNION ALL SELECT funnel_step, 1 FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true
         ) x GROUP BY step;

-- journey/login-funnel {"platform":"web","utmSource":"google"}, query 1 (a live day before stored ones, a raw day before the range)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
         SELECT step, sum(sessions) AS sessions FROM (
           SELECT step, sessions FROM ((SELECT * FROM public.analytics_daily_session_funnel WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_funnel) f WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
           UNION ALL SELECT funnel[1], -1 FROM m WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
           UNION ALL SELECT funnel_step, 1 FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
         ) x GROUP BY step;

-- journey/login-funnel {"utmSource":"Direct"}, query 1 (a live day before stored ones, a raw day before the range)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
         SELECT step, sum(sessions) AS sessions FROM (
           SELECT step, sessions FROM ((SELECT * FROM public.analytics_daily_session_funnel WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_funnel) f WHERE true AND coalesce(utm_source, 'Direct') = $1
           UNION ALL SELECT funnel[1], -1 FROM m WHERE true AND coalesce(utm_source, 'Direct') = $1
           UNION ALL SELECT funnel_step, 1 FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE true AND coalesce(utm_source, 'Direct') = $1
         ) x GROUP BY step;

-- journey/milestone-times, query 1 (a live day before stored ones, a raw day before the range)
SELECT count(*)::int AS users, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS median_ms, sum(ms) AS sum_ms
         FROM (SELECT floor(round(date_part('epoch', f.first_at) * 1000000) / 1000) - floor(round(date_part('epoch', u.created_at) * 1000000) / 1000) AS ms
               FROM (SELECT DISTINCT ON (user_id, milestone) * FROM (SELECT s.milestone, s.user_id, s.first_at, least(s.prev_first_at, (SELECT min(x.first_at) FROM pg_temp.report_live_firsts x
        WHERE x.day = ANY('{2025-12-31}'::date[]) AND x.user_id = s.user_id AND x.milestone = CASE s.milestone WHEN 'class_started' THEN 'course_viewed' WHEN 'class_completed' THEN 'class_started' WHEN 'module_completed' THEN 'class_completed' END)) AS prev_first_at
      FROM (SELECT * FROM public.analytics_daily_user_firsts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s
      WHERE NOT EXISTS (SELECT 1 FROM pg_temp.report_live_firsts x WHERE x.day = ANY('{2025-12-31}'::date[]) AND x.user_id = s.user_id AND x.milestone = s.milestone) UNION ALL SELECT l.milestone, l.user_id, l.first_at, least(
        (SELECT min(x.first_at) FROM pg_temp.report_live_firsts x WHERE x.user_id = l.user_id AND x.milestone = CASE l.milestone WHEN 'class_started' THEN 'course_viewed' WHEN 'class_completed' THEN 'class_started' WHEN 'module_completed' THEN 'class_completed' END),
        (SELECT h.first_at FROM public.analytics_daily_user_firsts h WHERE h.user_id = l.user_id AND h.milestone = CASE l.milestone WHEN 'class_started' THEN 'course_viewed' WHEN 'class_completed' THEN 'class_started' WHEN 'module_completed' THEN 'class_completed' END AND h.day <> ALL('{2025-12-31,2026-01-15}'::date[]))) AS prev_first_at
      FROM pg_temp.report_live_firsts l
      WHERE l.day <> ALL('{2025-12-31}'::date[])
        AND NOT EXISTS (SELECT 1 FROM public.analytics_daily_user_firsts h
          WHERE h.user_id = l.user_id AND h.milestone = l.milestone AND h.first_at < l.first_at AND h.day <> ALL('{2025-12-31,2026-01-15}'::date[]))
        AND NOT EXISTS (SELECT 1 FROM pg_temp.report_live_firsts e
          WHERE e.day = ANY('{2025-12-31}'::date[]) AND e.user_id = l.user_id AND e.milestone = l.milestone)) x
    ORDER BY user_id, milestone, first_at) f JOIN (SELECT id AS user_id, created_at FROM public.users) u USING (user_id)
               WHERE f.milestone = $1) x
         WHERE ms >= 0;

-- journey/milestone-times, query 2 (a live day before stored ones, a raw day before the range)
WITH r AS (SELECT milestone, bucket, sum(n)::int AS reached,
    coalesce(sum(total), 0) AS sum_ms,
    coalesce(array_agg(ms ORDER BY ms) FILTER (WHERE bucket > 0), '{}') AS gaps,
    coalesce(array_agg(n ORDER BY ms) FILTER (WHERE bucket > 0), '{}') AS counts
  FROM (SELECT milestone, coalesce(width_bucket(ms::float8, ARRAY[0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 15, 18, 23, 28, 36, 44, 56, 69, 87, 108, 136, 169, 212, 265, 331, 414, 517, 646, 808, 1010, 1262, 1578, 1972, 2465, 3081, 3852, 4815, 6019, 7523, 9404, 11755, 14694, 18367, 22959, 28699, 35873, 44842, 56052, 70065, 87581, 109476, 136846, 171057, 213821, 267276, 334096, 417619, 522024, 652530, 815663, 1019579, 1274474, 1593092, 1991365, 2489206, 3111508, 3889385, 4861731, 6077163, 7596454, 9495568, 11869460, 14836825, 18546031, 23182538, 28978173, 36222716, 45278395, 56597994, 70747493, 88434366, 110542958, 138178697, 172723371, 215904214, 269880267, 337350334, 421687918, 527109897, 658887371, 823609214, 1029511518, 1286889397, 1608611747, 2010764683, 2513455854, 3141819818, 3927274772, 4909093465, 6136366832, 7670458540, 9588073174, 11985091468, 14981364335, 18726705419, 23408381773, 29260477217, 36575596521, 45719495651, 57149369564, 71436711955, 89295889944, 111619862430, 139524828037, 174406035047, 218007543808, 272509429761, 340636787201]::float8[]), 0)::smallint AS bucket,
          ms::float8 AS ms, count(*)::int AS n, sum(ms) AS total
        FROM (SELECT milestone, CASE WHEN prev_first_at <= first_at THEN extract(epoch FROM first_at - prev_first_at) * 1000 END AS ms
              FROM (SELECT DISTINCT ON (user_id, milestone) * FROM (SELECT s.milestone, s.user_id, s.first_at, least(s.prev_first_at, (SELECT min(x.first_at) FROM pg_temp.report_live_firsts x
        WHERE x.day = ANY('{2025-12-31}'::date[]) AND x.user_id = s.user_id AND x.milestone = CASE s.milestone WHEN 'class_started' THEN 'course_viewed' WHEN 'class_completed' THEN 'class_started' WHEN 'module_completed' THEN 'class_completed' END)) AS prev_first_at
      FROM (SELECT * FROM public.analytics_daily_user_firsts WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s
      WHERE NOT EXISTS (SELECT 1 FROM pg_temp.report_live_firsts x WHERE x.day = ANY('{2025-12-31}'::date[]) AND x.user_id = s.user_id AND x.milestone = s.milestone) UNION ALL SELECT l.milestone, l.user_id, l.first_at, least(
        (SELECT min(x.first_at) FROM pg_temp.report_live_firsts x WHERE x.user_id = l.user_id AND x.milestone = CASE l.milestone WHEN 'class_started' THEN 'course_viewed' WHEN 'class_completed' THEN 'class_started' WHEN 'module_completed' THEN 'class_completed' END),
        (SELECT h.first_at FROM public.analytics_daily_user_firsts h WHERE h.user_id = l.user_id AND h.milestone = CASE l.milestone WHEN 'class_started' THEN 'course_viewed' WHEN 'class_completed' THEN 'class_started' WHEN 'module_completed' THEN 'class_completed' END AND h.day <> ALL('{2025-12-31,2026-01-15}'::date[]))) AS prev_first_at
      FROM pg_temp.report_live_firsts l
      WHERE l.day <> ALL('{2025-12-31}'::date[])
        AND NOT EXISTS (SELECT 1 FROM public.analytics_daily_user_firsts h
          WHERE h.user_id = l.user_id AND h.milestone = l.milestone AND h.first_at < l.first_at AND h.day <> ALL('{2025-12-31,2026-01-15}'::date[]))
        AND NOT EXISTS (SELECT 1 FROM pg_temp.report_live_firsts e
          WHERE e.day = ANY('{2025-12-31}'::date[]) AND e.user_id = l.user_id AND e.milestone = l.milestone)) x
    ORDER BY user_id, milestone, first_at) s WHERE milestone <> 'course_viewed') g
        GROUP BY 1, 2, 3) v
  GROUP BY 1, 2),
  t AS (SELECT milestone, sum(reached) AS reached, coalesce(sum(reached) FILTER (WHERE bucket > 0), 0) AS users,
          sum(sum_ms) AS sum_ms FROM r GROUP BY 1),
  p AS (SELECT milestone, (users - 1) / 2 AS lo, users / 2 AS hi FROM t WHERE users > 0),
  c AS (SELECT milestone, bucket, n, sum(n) OVER (PARTITION BY milestone ORDER BY bucket) - n AS below
        FROM (SELECT milestone, bucket, sum(reached) AS n FROM r WHERE bucket > 0 GROUP BY 1, 2) b),
  w AS (SELECT c.milestone, c.bucket, c.below FROM c JOIN p USING (milestone) WHERE c.below <= p.hi AND c.below + c.n > p.lo),
  x AS (SELECT r.milestone, g.ms, sum(g.n) AS n FROM r JOIN w USING (milestone, bucket)
        CROSS JOIN LATERAL unnest(r.gaps, r.counts) AS g(ms, n) GROUP BY 1, 2),
  v AS (SELECT x.milestone, x.ms, x.n, m.base + sum(x.n) OVER (PARTITION BY x.milestone ORDER BY x.ms) - x.n AS start
        FROM x JOIN (SELECT milestone, min(below) AS base FROM w GROUP BY 1) m USING (milestone))
SELECT t.milestone, t.reached, t.users, t.sum_ms,
  (SELECT v.ms FROM v WHERE v.milestone = p.milestone AND p.lo >= v.start AND p.lo < v.start + v.n) AS lo_ms,
  (SELECT v.ms FROM v WHERE v.milestone = p.milestone AND p.hi >= v.start AND p.hi < v.start + v.n) AS hi_ms
FROM t LEFT JOIN p USING (milestone);

-- marketing/utm-performance {}, query 1 (a live day before stored ones, a raw day before the range)
SELECT t.utm_source, t.utm_medium, t.utm_campaign, t.events, t.page_views, coalesce(u.members, 0) AS users, coalesce(c.members, 0) AS conversions
         FROM (SELECT utm_source, utm_medium, utm_campaign, sum(events) AS events, sum(page_views) AS page_views
               FROM ((SELECT * FROM public.analytics_daily_campaigns WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_campaigns) x WHERE utm_source IS NOT NULL AND true GROUP BY 1, 2, 3) t
         LEFT JOIN (SELECT '2026-01-01'::date AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = 'utm_users' AND day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
              AND day <> ALL('{2026-01-15}'::date[])
            UNION ALL SELECT day, keys, member FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_users') l) m
      WHERE true
      GROUP BY 1, 2) u ON u.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         LEFT JOIN (SELECT '2026-01-01'::date AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = 'utm_converters' AND day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
              AND day <> ALL('{2026-01-15}'::date[])
            UNION ALL SELECT day, keys, member FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_converters') l) m
      WHERE true
      GROUP BY 1, 2) c ON c.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         ORDER BY users DESC, events DESC, t.utm_source, t.utm_medium NULLS LAST, t.utm_campaign NULLS LAST;

-- marketing/utm-performance {}, query 2 (a live day before stored ones, a raw day before the range)
SELECT (SELECT sum(members) FROM (SELECT '2026-01-01'::date AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = 'utm_users_total' AND day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
              AND day <> ALL('{2026-01-15}'::date[])
            UNION ALL SELECT day, keys, member FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_users_total') l) m
      WHERE true
      GROUP BY 1, 2) u) AS users,
                (SELECT sum(members) FROM (SELECT '2026-01-01'::date AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = 'utm_converters_total' AND day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
              AND day <> ALL('{2026-01-15}'::date[])
            UNION ALL SELECT day, keys, member FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_converters_total') l) m
      WHERE true
      GROUP BY 1, 2) c) AS conversions;

-- marketing/utm-performance {"utmSource":"google"}, query 1 (a live day before stored ones, a raw day before the range)
SELECT t.utm_source, t.utm_medium, t.utm_campaign, t.events, t.page_views, coalesce(u.members, 0) AS users, coalesce(c.members, 0) AS conversions
         FROM (SELECT utm_source, utm_medium, utm_campaign, sum(events) AS events, sum(page_views) AS page_views
               FROM ((SELECT * FROM public.analytics_daily_campaigns WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_campaigns) x WHERE utm_source IS NOT NULL AND utm_source = $1 GROUP BY 1, 2, 3) t
         LEFT JOIN (SELECT '2026-01-01'::date AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = 'utm_users' AND day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
              AND day <> ALL('{2026-01-15}'::date[])
            UNION ALL SELECT day, keys, member FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_users') l) m
      WHERE m.keys[1] = $1
      GROUP BY 1, 2) u ON u.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         LEFT JOIN (SELECT '2026-01-01'::date AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = 'utm_converters' AND day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
              AND day <> ALL('{2026-01-15}'::date[])
            UNION ALL SELECT day, keys, member FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_converters') l) m
      WHERE m.keys[1] = $1
      GROUP BY 1, 2) c ON c.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         ORDER BY users DESC, events DESC, t.utm_source, t.utm_medium NULLS LAST, t.utm_campaign NULLS LAST;

-- marketing/utm-performance {"utmSource":"google"}, query 2 (a live day before stored ones, a raw day before the range)
SELECT (SELECT sum(members) FROM (SELECT '2026-01-01'::date AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = 'utm_users_by_source' AND day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
              AND day <> ALL('{2026-01-15}'::date[])
            UNION ALL SELECT day, keys, member FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_users_by_source') l) m
      WHERE m.keys = ARRAY[$1]
      GROUP BY 1, 2) u) AS users,
                (SELECT sum(members) FROM (SELECT '2026-01-01'::date AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = 'utm_converters_by_source' AND day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
              AND day <> ALL('{2026-01-15}'::date[])
            UNION ALL SELECT day, keys, member FROM (SELECT day, keys, member, prev_day FROM pg_temp.report_live_members lm WHERE metric = 'utm_converters_by_source') l) m
      WHERE m.keys = ARRAY[$1]
      GROUP BY 1, 2) c) AS conversions;

-- marketing/traffic-sources {}, query 1 (a live day before stored ones, a raw day before the range)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT coalesce(utm_source, 'Direct') AS key, sessions, page_views, bounces, conversions FROM ((SELECT * FROM public.analytics_daily_session_landings WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_landings) l WHERE landing_page IS NOT NULL AND true
       UNION ALL
       SELECT coalesce(utm_source, 'Direct'), -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE landing_page IS NOT NULL AND true
       UNION ALL
       SELECT coalesce(utm_source, 'Direct'), 1, page_views, (page_views = 1)::int, converted::int FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE landing_page IS NOT NULL AND true
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key;

-- marketing/traffic-sources {"platform":"mobile"}, query 1 (a live day before stored ones, a raw day before the range)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT coalesce(utm_source, 'Direct') AS key, sessions, page_views, bounces, conversions FROM ((SELECT * FROM public.analytics_daily_session_landings WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_landings) l WHERE landing_page IS NOT NULL AND true AND platform = $1
       UNION ALL
       SELECT coalesce(utm_source, 'Direct'), -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE landing_page IS NOT NULL AND true AND platform = $1
       UNION ALL
       SELECT coalesce(utm_source, 'Direct'), 1, page_views, (page_views = 1)::int, converted::int FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE landing_page IS NOT NULL AND true AND platform = $1
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key;

-- marketing/landing-pages {}, query 1 (a live day before stored ones, a raw day before the range)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT landing_page AS key, sessions, page_views, bounces, conversions FROM ((SELECT * FROM public.analytics_daily_session_landings WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_landings) l WHERE landing_page IS NOT NULL AND true
       UNION ALL
       SELECT landing_page, -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE landing_page IS NOT NULL AND true
       UNION ALL
       SELECT landing_page, 1, page_views, (page_views = 1)::int, converted::int FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE landing_page IS NOT NULL AND true
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key;

-- marketing/landing-pages {"platform":"web","utmSource":"google"}, query 1 (a live day before stored ones, a raw day before the range)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT landing_page AS key, sessions, page_views, bounces, conversions FROM ((SELECT * FROM public.analytics_daily_session_landings WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_landings) l WHERE landing_page IS NOT NULL AND true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
       UNION ALL
       SELECT landing_page, -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE landing_page IS NOT NULL AND true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
       UNION ALL
       SELECT landing_page, 1, page_views, (page_views = 1)::int, converted::int FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE landing_page IS NOT NULL AND true AND platform = $1 AND coalesce(utm_source, 'Direct') = $2
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key;

-- marketing/landing-pages {"utmSource":"Direct"}, query 1 (a live day before stored ones, a raw day before the range)
WITH m AS (SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) sd
      WHERE sd.session_id IN (SELECT session_id FROM (SELECT day, session_id, prev_day, converted FROM (SELECT * FROM public.analytics_daily_session_days WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) s UNION ALL SELECT * FROM pg_temp.report_live_session_days) x
        WHERE x.prev_day BETWEEN '2026-01-01'::date AND '2026-01-31'::date AND x.day > '2026-01-01'::date)
    ) md CROSS JOIN LATERAL (SELECT * FROM ((SELECT * FROM public.analytics_daily_sessions WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_sessions) s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT landing_page AS key, sessions, page_views, bounces, conversions FROM ((SELECT * FROM public.analytics_daily_session_landings WHERE day BETWEEN '2026-01-01'::date AND '2026-01-31'::date
      AND day <> ALL('{2026-01-15}'::date[])) UNION ALL SELECT * FROM pg_temp.analytics_daily_session_landings) l WHERE landing_page IS NOT NULL AND true AND coalesce(utm_source, 'Direct') = $1
       UNION ALL
       SELECT landing_page, -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE landing_page IS NOT NULL AND true AND coalesce(utm_source, 'Direct') = $1
       UNION ALL
       SELECT landing_page, 1, page_views, (page_views = 1)::int, converted::int FROM (SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM m m GROUP BY session_id) w WHERE landing_page IS NOT NULL AND true AND coalesce(utm_source, 'Direct') = $1
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key;
