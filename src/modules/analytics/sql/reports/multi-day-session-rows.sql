-- Sessions with events on more than one day of the range: their rows of {{sessions}} (every day of the
-- range of analytics_daily_sessions) plus `converted`, found through the session days ({{session_days}},
-- scope/session-days.sql) whose previous day is in the range. Each row is probed by its key (LATERAL …
-- LIMIT 1, one row per key anyway): with statistics that overrate how many sessions cross midnight the
-- planner would sort every session of the range to merge-join them.

(SELECT s.*, md.converted FROM (
      SELECT sd.day, sd.session_id, sd.converted FROM {{session_days}} sd
      WHERE sd.session_id IN (SELECT session_id FROM {{session_days}} x
        WHERE x.prev_day BETWEEN {{from}} AND {{to}} AND x.day > {{from}})
    ) md CROSS JOIN LATERAL (SELECT * FROM {{sessions}} s
      WHERE s.day = md.day AND s.session_id = md.session_id LIMIT 1) s)
