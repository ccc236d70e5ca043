-- Provisional day {{day}}'s sessions per duration bucket, corrected for its raw tail: each session the
-- tail touches out as stored (sign −1) and in as merged (+1), as rollups/session-durations.sql buckets it.

INSERT INTO {{live_aggregate}} (day, platform, utm_source, bucket, sessions, seconds)
  SELECT {{day}}::date, platform, utm_source, {{duration_bucket}}, sum(sign), sum(sign * seconds)
  FROM (SELECT platform, utm_source, sign, {{session_seconds}} AS seconds
        FROM {{report_tail_sessions}} WHERE day = {{day}}::date) s
  GROUP BY 2, 3, 4
