-- Looked up by member (the previous day seen) and by metric.

CREATE INDEX ON {{report_live_members}} (metric, member, keys)
