-- Canonical definition: the login funnel of one session and day, as an aggregate.
--
-- Rule: the login funnel has 7 steps, done strictly in order. Folded over a session's funnel steps
-- (1-7) sorted by time, the state holds, for each number k = 0…6 of steps done before the day, the
-- step reached so far; an event of step s moves every entry standing at s − 1 to s. Entry 1
-- (k = 0) is the session's funnel from scratch; keeping all seven lets a session's days be chained
-- (login-funnel-chain.sql). The initial state '{0,1,2,3,4,5,6}' is entry k standing at step k − 1.
-- The steps themselves are defined once, in src/modules/analytics/login-funnel.ts (the CASE, the
-- number of steps); test/analytics-sql.e2e-spec.ts checks this initial state against it.
--
-- Why in the database: the sessions rollup folds every funnel event of a day inside one SQL
-- statement (rollup/rollup-sql.ts, `analytics_funnel_steps(step - 1, step ORDER BY "timestamp",
-- step)`), stored as `analytics_daily_sessions.funnel`; an aggregate keeps that in one pass.
--
-- Installed by:
-- - `analytics_funnel_step` (the transition as a function, one `array_replace`):
--   Migration20261126090000_analytics_funnel_step, which replaced the loop of
--   Migration20261125145716_analytics_partitioning.
-- - `analytics_funnel(smallint)`: Migration20261125145716_analytics_partitioning. No app SQL calls it
--   since the rollup uses `analytics_funnel_steps`; it stays for existing SQL (bench/report-raw-queries.mjs).
-- - `analytics_funnel_steps(smallint, smallint)`: Migration20261204090000_lean_rollup_reads. Its
--   transition is the built-in `array_replace` itself (no function-call overhead per funnel event).
-- A change here needs a new migration that installs the same text; test/canonical-sql.e2e-spec.ts
-- fails until both agree.

create or replace function analytics_funnel_step(state smallint[], step smallint) returns smallint[]
language plpgsql immutable strict as $$
begin
  return array_replace(state, (step - 1)::smallint, step);
end $$;

create aggregate analytics_funnel(smallint) (sfunc = analytics_funnel_step, stype = smallint[], initcond = '{0,1,2,3,4,5,6}');

create aggregate analytics_funnel_steps(smallint, smallint) (sfunc = array_replace, stype = smallint[], initcond = '{0,1,2,3,4,5,6}');
