-- Sessions that reached each step of the login funnel: added up from the day's sessions per furthest
-- step (session-funnel.sql).

INSERT INTO {{analytics_daily_login_funnel}} (day, step, sessions)
      SELECT {{day}}::date, s.step, (SELECT coalesce(sum(f.sessions), 0) FROM {{analytics_daily_session_funnel}} f
                                WHERE f.day = {{day}}::date AND f.step >= s.step)
      FROM generate_series(1, 7) AS s(step)
