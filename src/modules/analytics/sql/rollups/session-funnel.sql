-- The day's sessions per platform, source and furthest login funnel step from scratch (funnel[1]).

INSERT INTO {{analytics_daily_session_funnel}} (day, platform, utm_source, step, sessions)
      SELECT {{day}}::date, platform, utm_source, funnel[1], count(*)
      FROM {{analytics_daily_sessions}} WHERE day = {{day}}::date
      GROUP BY 2, 3, 4
