-- The live days' session days, added to the stored ones (session-days.sql).

UNION ALL SELECT * FROM {{report_live_session_days}}
