-- Looked up by session (its previous day).

CREATE INDEX ON {{report_live_session_days}} (session_id)
