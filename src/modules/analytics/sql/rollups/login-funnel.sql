-- Sessions that reached each step of the login funnel: added up from the day's sessions per furthest
-- step (session-funnel.sql). {{funnel_steps}}: the number of steps (src/modules/analytics/login-funnel.ts).

INSERT INTO {{analytics_daily_login_funnel}} (day, step, sessions)
      SELECT {{day}}::date, s.step, (SELECT coalesce(sum(f.sessions), 0) FROM {{analytics_daily_session_funnel}} f
                                WHERE f.day = {{day}}::date AND f.step >= s.step)
      FROM generate_series(1, {{funnel_steps}}) AS s(step)
