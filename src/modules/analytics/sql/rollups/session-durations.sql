-- The day's sessions per platform, source and duration bucket (rollup/rollup-values.ts DURATION_BUCKETS).

INSERT INTO {{analytics_daily_session_durations}} (day, platform, utm_source, bucket, sessions, seconds)
      SELECT {{day}}::date, platform, utm_source, {{duration_bucket}}, count(*), sum(seconds)
      FROM (SELECT platform, utm_source, {{session_seconds}} AS seconds
            FROM {{analytics_daily_sessions}} WHERE day = {{day}}::date) s
      GROUP BY 2, 3, 4
