-- Sessions per funnel step reached: the per-day funnel ({{session_funnel}}), with the sessions spanning
-- days (m) taken out day by day and put back whole, their funnel chained. {{filters}}: filters/session-filters.sql.

WITH m AS {{multi_day_session_rows}}
         SELECT step, sum(sessions) AS sessions FROM (
           SELECT step, sessions FROM {{session_funnel}} f WHERE {{filters}}
           UNION ALL SELECT funnel[1], -1 FROM m WHERE {{filters}}
           UNION ALL SELECT funnel_step, 1 FROM {{whole_sessions}} w WHERE {{filters}}
         ) x GROUP BY step
