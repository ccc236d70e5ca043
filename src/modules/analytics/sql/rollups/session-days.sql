-- Every session-day with the session's previous day (any earlier day it had events): sessions with
-- more than one day in a range are put together whole by the reports. Reads earlier days of its own
-- table by its key (history rollup, see rollup/derived-rollup-sql.ts).

INSERT INTO {{analytics_daily_session_days}} (day, session_id, prev_day, converted)
      SELECT {{day}}::date, s.session_id, p.day, s.converted
      FROM (SELECT * FROM {{sessions_with_conversion}} x ORDER BY session_id) s
      LEFT JOIN LATERAL (SELECT h.day FROM {{analytics_daily_session_days}} h
        WHERE h.session_id = s.session_id AND h.day < {{day}}::date ORDER BY h.day DESC LIMIT 1) p ON true
