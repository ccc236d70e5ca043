-- Session days (day, session_id, prev_day, converted) of the range: the stored ones ({{stored}}), and
-- those of the live days ({{live_session_days}}: live-session-days.sql, or nothing).

(SELECT day, session_id, prev_day, converted FROM {{stored}} s {{live_session_days}})
