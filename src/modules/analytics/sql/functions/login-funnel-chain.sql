-- Canonical definition: a session's login funnel across the days of a range.
--
-- Rule: a session that spans several days reaches, over the range, the step that chaining its days
-- in order gives: the state is the step reached so far (0-7), and each day's `funnel` array
-- (login-funnel.sql, stored in `analytics_daily_sessions.funnel`) says where a session entering the
-- day at step k ends it (`day_funnel[k + 1]`). Step 7 is the last step: once reached, it stays
-- (the steps: src/modules/analytics/login-funnel.ts; test/analytics-sql.e2e-spec.ts checks it here).
--
-- Why in the database: the session reports (reports/sql/session-sql.ts,
-- `analytics_funnel_chain(funnel ORDER BY day)`) fold it over the stored days in one SQL statement.
--
-- Installed by: Migration20261202100000_analytics_report_aggregates (the function and the
-- aggregate; neither redefined since). A change here needs a new migration that installs the same
-- text; test/canonical-sql.e2e-spec.ts fails until both agree.

create or replace function analytics_funnel_chain_step(reached smallint, day_funnel smallint[]) returns smallint
language sql immutable strict as $$ select case when reached >= 7 then 7::smallint else day_funnel[reached + 1] end $$;

create aggregate analytics_funnel_chain(smallint[]) (sfunc = analytics_funnel_chain_step, stype = smallint, initcond = '0');
