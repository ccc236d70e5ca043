-- The sessions a provisional day's raw tail touches (insert-tail-sessions.sql): the columns of
-- {{analytics_daily_sessions}}, a sign (−1: the stored row, up to W; +1: the merged session), whether
-- the session had events up to W, and `converted` (a login_success that day).

CREATE TEMP TABLE report_tail_sessions ON COMMIT DROP AS
  SELECT s.*, 0::smallint AS sign, false AS prefixed, false AS converted FROM {{analytics_daily_sessions}} s WITH NO DATA
