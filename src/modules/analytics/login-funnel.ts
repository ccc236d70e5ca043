/**
 * The login funnel (the spec's query 6): its steps, in order, each with the event that is the step.
 * The one definition: the funnel-step CASE of the sessions rollup, its initial state, the number of
 * steps the rollups and reports count (rollup/rollup-values.ts) and the report's step names
 * (reports/journey-reports.ts) are derived from it. The database's funnel routines
 * (sql/functions/login-funnel.sql: the aggregates' initial state; login-funnel-chain.sql: the last
 * step) are installed by migrations; test/analytics-sql.e2e-spec.ts checks them against this list.
 *
 * Steps are done strictly in order: an event of step s counts only once step s − 1 is reached.
 */
export const LOGIN_FUNNEL = [
  { name: 'Visited login page', eventType: 'we_page_load', pageLike: '%/login%' },
  { name: 'Clicked login', action: 'login_button_clicked' },
  { name: 'Entered email', action: 'email_entered' },
  { name: 'Requested OTP', action: 'otp_requested' },
  { name: 'Entered OTP', action: 'otp_entered' },
  { name: 'Login successful', action: 'login_success' },
  { name: 'Reached dashboard', eventType: 'we_page_load', pageLike: '%/dashboard%' },
] as const;

type FunnelStep = (typeof LOGIN_FUNNEL)[number];
type FunnelAction = Extract<FunnelStep, { action: string }>['action'];

/** Number of steps: the last step's number (steps are 1-based; 0 is "none reached"). */
export const FUNNEL_STEP_COUNT = LOGIN_FUNNEL.length;

/** The steps' names, in order. */
export const FUNNEL_STEP_NAMES: readonly string[] = LOGIN_FUNNEL.map((s) => s.name);

/** Actions the funnel looks for, in funnel order. */
export const FUNNEL_ACTIONS: readonly FunnelAction[] = LOGIN_FUNNEL.flatMap((s) =>
  'action' in s ? [s.action] : [],
);

/** SQL: the funnel step an event (a row of analytics_events) is, or NULL. */
export const FUNNEL_STEP_SQL = `CASE\n${LOGIN_FUNNEL.map(
  (s, i) =>
    `  WHEN ${'action' in s ? `event_action = '${s.action}'` : `event_type = '${s.eventType}' AND page LIKE '${s.pageLike}'`} THEN ${i + 1}`,
).join('\n')} END`;

/**
 * SQL: `analytics_funnel_chain_step(reached, dayFunnel)` (sql/functions/login-funnel-chain.sql)
 * written out, for non-NULL arguments: PostgreSQL does not inline that strict SQL function, and a
 * call per funnel entry per session cost 60 ms for 4k sessions where this costs 2 ms
 * (test/analytics-sql.e2e-spec.ts checks both agree on every step).
 */
export const funnelChainStepSql = (reached: string, dayFunnel: string): string =>
  `CASE WHEN ${reached} >= ${FUNNEL_STEP_COUNT} THEN ${FUNNEL_STEP_COUNT}::smallint ELSE ${dayFunnel}[${reached} + 1] END`;

/**
 * SQL: the funnel state of a session before any funnel event, a smallint[] literal: for each number
 * k = 0…steps − 1 of steps done before the day, the step reached (k). The aggregates' `initcond`.
 */
export const FUNNEL_START_SQL = `'{${Array.from({ length: FUNNEL_STEP_COUNT }, (_, k) => k).join(',')}}'`;
