-- The day's sessions (snapshot reader: its rows are copied in by the writer).
-- Ties on timestamp are broken by id (and funnel step), so a re-run picks the same first event.
-- `analytics_funnel_steps`: src/modules/analytics/sql/functions/login-funnel.sql; `funnel` is where a
-- session entering the day at each step ends it. The funnel's steps ({{funnel_step}}: the step an
-- event is; {{funnel_start}}: the state before any): src/modules/analytics/login-funnel.ts.

SELECT session_id, max(user_id) AS user_id, max(platform) AS platform, min("timestamp") AS first_at,
        max("timestamp") AS last_at, count(*) AS events, count(*) FILTER (WHERE event_type = 'we_page_load') AS page_views,
        (array_agg({{page_path}} ORDER BY "timestamp", id) FILTER (WHERE event_type = 'we_page_load' AND page IS NOT NULL))[1] AS landing_page,
        ({{first_utm}})[1][1] AS utm_source, ({{first_utm}})[1][2] AS utm_medium, ({{first_utm}})[1][3] AS utm_campaign,
        bool_or(is_logged_in) AS logged_in,
        coalesce(analytics_funnel_steps((step - 1)::smallint, step ORDER BY "timestamp", step) FILTER (WHERE step IS NOT NULL), {{funnel_start}}) AS funnel
      FROM (SELECT *, ({{funnel_step}})::smallint AS step FROM {{analytics_events}} WHERE {{day_range}} AND session_id IS NOT NULL) e
      GROUP BY session_id
