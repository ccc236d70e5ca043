-- Looked up by user and milestone.

CREATE INDEX ON {{report_live_firsts}} (user_id, milestone)
