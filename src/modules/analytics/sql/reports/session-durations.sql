-- Sessions per duration bucket: the per-day buckets ({{session_durations}}), with the sessions spanning
-- days (m) taken out day by day and put back whole ({{whole_sessions}}). {{filters}}: filters/session-filters.sql.

WITH m AS {{multi_day_session_rows}}
        SELECT bucket, sum(sessions) AS sessions, sum(seconds) AS seconds FROM (
          SELECT bucket, sessions, seconds FROM {{session_durations}} d WHERE {{filters}}
          UNION ALL
          SELECT {{bucket_of_session_day}}, -1, -{{session_day_seconds}} FROM m WHERE {{filters}}
          UNION ALL
          SELECT {{bucket_of_seconds}}, 1, seconds FROM {{whole_sessions}} w WHERE {{filters}}
        ) x GROUP BY bucket
