-- Looked up by session day (the merged row of a session that spans days).

CREATE INDEX ON {{report_tail_sessions}} (session_id, day) WHERE sign = 1
