-- Fragment: the day's sessions with `converted`, a login_success event in the session that day. One
-- aggregation over both tables rather than a join: inside the rollup transaction the rows were just
-- written and have no statistics, and a join planned on guesses can go quadratic on a busy day.

(SELECT session_id, max(platform) AS platform, max(utm_source) AS utm_source,
    max(landing_page) AS landing_page, max(page_views) AS page_views, bool_or(converted) AS converted
  FROM (SELECT session_id, platform, utm_source, landing_page, page_views, false AS converted, true AS present
        FROM {{analytics_daily_sessions}} WHERE day = {{day}}::date
        UNION ALL
        SELECT session_id, NULL, NULL, NULL, NULL, true, false
        FROM {{analytics_daily_utm}} WHERE day = {{day}}::date AND session_id IS NOT NULL AND logins > 0) x
  GROUP BY session_id HAVING bool_or(present))
