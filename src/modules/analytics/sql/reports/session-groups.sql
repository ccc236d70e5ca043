-- Sessions with a page view in the range, per {{key}} (an expression over platform, utm_source,
-- landing_page: session-key-*.sql): the per-day landing aggregates ({{session_landings}}), with the
-- sessions spanning several days put together whole. {{filters}}: filters/session-filters.sql.

WITH m AS {{multi_day_session_rows}}
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT {{key}} AS key, sessions, page_views, bounces, conversions FROM {{session_landings}} l WHERE {{filters}}
       UNION ALL
       SELECT {{key}}, -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE {{filters}}
       UNION ALL
       SELECT {{key}}, 1, page_views, (page_views = 1)::int, converted::int FROM {{whole_sessions}} w WHERE {{filters}}
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key
