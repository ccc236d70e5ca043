-- The live days' (and raw days before the range) first-milestone candidates.

CREATE TEMP TABLE report_live_firsts (day date, user_id text, milestone text, first_at timestamptz) ON COMMIT DROP
