-- Provisional day {{day}}'s sessions with events after W only (none stored for the day), with their
-- conversion: their session days are the report's (insert-live-session-days.sql).

(SELECT session_id, converted FROM {{report_tail_sessions}} WHERE day = {{day}}::date AND sign = 1 AND NOT prefixed)
