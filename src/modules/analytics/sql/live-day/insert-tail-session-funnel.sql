-- Provisional day {{day}}'s sessions per furthest funnel step, corrected for its raw tail: each session
-- the tail touches out at its stored step (sign −1) and in at its merged one (+1), as
-- rollups/session-funnel.sql counts them.

INSERT INTO {{live_aggregate}} (day, platform, utm_source, step, sessions)
  SELECT {{day}}::date, platform, utm_source, funnel[1], sum(sign)
  FROM {{report_tail_sessions}} WHERE day = {{day}}::date
  GROUP BY 2, 3, 4
