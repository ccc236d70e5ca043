-- The live days' chain members, with the previous day each was seen (insert-live-members.sql).

CREATE TEMP TABLE report_live_members (day date, metric text, keys text[], member text, prev_day date) ON COMMIT DROP
