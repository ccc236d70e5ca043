-- The live days' session days, with the previous day of each session (insert-live-session-days.sql).

CREATE TEMP TABLE report_live_session_days (day date, session_id text, prev_day date, converted boolean) ON COMMIT DROP
