import type pg from 'pg';
import { FUNNEL_STEP_COUNT, funnelChainStepSql } from '../login-funnel.js';
import {
  durationBucket,
  ROLLUP_NAMES,
  ROLLUP_MANIFEST,
  sessionSeconds,
  sqlDates,
  tailRollups,
  type Rollup,
} from '../rollup/index.js';
import { type TailDay } from './report-days.js';
import { type ReportSqlName } from './report-sql-manifest.js';
import { reportSql, TAIL_SESSIONS } from './report-sql.js';

/**
 * A provisional day (today so far, rolled up to W by the intraday refresh) is answered from its
 * stored rows plus the same rollups over its raw tail, the events after W (docs/design/live-today.md).
 * How a rollup's two parts combine:
 * - `add`: rows that add up (counters summed; first/last times, flags): the tail's rows go next to
 *   the stored ones, into the live day's temporary table, and the reports sum them.
 * - `sessions`: one row per session. The sessions the tail touches are merged with their stored row
 *   (`report_tail_sessions`, +1 merged, −1 stored), which the report reads instead of both.
 * - `delta`: the session aggregates, grouped from those rows: the tail's correction is each touched
 *   session out as stored and in as merged (signed rows, which the reports only sum).
 * - `history`: reads earlier days by key (chains, first milestones, session days): never rolled up
 *   for the tail; the reports add the tail's new members, first times and session days instead.
 * - `none`: no report reads it (unique counts that would need the day's prefix): a plan with it fails.
 */
export type TailPolicy = 'add' | 'sessions' | 'delta' | 'history' | 'none';

const TAIL_POLICY: Readonly<Record<string, TailPolicy>> = {
  user_content: 'add',
  sessions: 'sessions',
  utm: 'add',
  pages: 'add', // in page_views, the only column read (unique counts, landings: as of W)
  events: 'none',
  content: 'add',
  module_events: 'add',
  user_firsts: 'history',
  milestone_gaps: 'history',
  session_durations: 'delta',
  session_funnel: 'delta',
  login_funnel: 'none',
  session_days: 'history',
  session_landings: 'delta',
  campaigns: 'add',
  user_activity: 'add', // its `sessions` (distinct) is no sum; chains only read `logged_in_events > 0`
  chain_members: 'history',
  chain_counts: 'history',
  content_counts: 'add',
};
for (const name of ROLLUP_NAMES)
  if (!TAIL_POLICY[name]) throw new Error(`rollup ${name} has no tail policy (reports/tail-days.ts)`);
// A rollup that reads earlier days cannot take its tail's rows as they are (milestone_gaps is no
// history rollup but is derived from user_firsts', so it is answered the same way).
for (const { name, history } of ROLLUP_MANIFEST)
  if (history && TAIL_POLICY[name] !== 'history')
    throw new Error(`rollup ${name} reads earlier days: its tail policy must be 'history'`);

export const tailPolicy = (name: string): TailPolicy => TAIL_POLICY[name] ?? 'none';

/** The tail's correction of each delta aggregate, by rollup name. */
const DELTAS: Readonly<Record<string, { sql: ReportSqlName; values?: Record<string, string> }>> = {
  session_durations: {
    sql: 'live-day/insert-tail-session-durations',
    values: {
      duration_bucket: durationBucket('seconds'),
      session_seconds: sessionSeconds('first_at', 'last_at'),
    },
  },
  session_funnel: { sql: 'live-day/insert-tail-session-funnel' },
  session_landings: { sql: 'live-day/insert-tail-session-landings' },
};

const DAY = { day: '$1' };
const SESSIONS_TABLE = 'analytics_daily_sessions';

/** The funnel of a session entering the tail at each step it left the prefix at (`p`, `t`: their rows). */
const FUNNEL_AFTER_PREFIX = `ARRAY[${Array.from({ length: FUNNEL_STEP_COUNT }, (_, k) =>
  funnelChainStepSql(`p.funnel[${k + 1}]`, 't.funnel'),
).join(', ')}]::smallint[]`;
const INSERT_TAIL_SESSIONS = reportSql('live-day/insert-tail-sessions', {
  params: DAY,
  relations: { tail_sessions: SESSIONS_TABLE, tail_logins: 'analytics_daily_utm' },
  values: { funnel_after_prefix: FUNNEL_AFTER_PREFIX },
});
const DELETE_TAIL_ROWS = reportSql('live-day/delete-day', {
  params: DAY,
  relations: { live_aggregate: SESSIONS_TABLE },
});
const deltaSql = new Map(
  Object.entries(DELTAS).map(([name, d]) => {
    const table = ROLLUP_MANIFEST.find((m) => m.name === name)?.table;
    if (!table) throw new Error(`unknown rollup ${name}`);
    return [
      name,
      reportSql(d.sql, { params: DAY, relations: { live_aggregate: table }, values: d.values ?? {} }),
    ];
  }),
);

/** The plan's rollups need the touched sessions merged (a session report): `report_tail_sessions`. */
export const mergesTailSessions = (rollups: readonly Rollup[], sessionDays: boolean): boolean =>
  rollups.some((r) => r.name === 'sessions') &&
  (sessionDays || rollups.some((r) => tailPolicy(r.name) === 'delta'));

/** Creates `report_tail_sessions` (and its index). */
export async function createTailSessions(client: pg.PoolClient): Promise<string> {
  await client.query(reportSql('live-day/create-tail-sessions'));
  await client.query(reportSql('live-day/index-tail-sessions'));
  return TAIL_SESSIONS;
}

/**
 * The rollups over the tail of provisional day `day`, into the live days' temporary tables: the
 * additive ones as they are; with `mergeSessions`, the touched sessions merged and the delta
 * aggregates' corrections. The tail's own session rows are taken out again after `finish` (the
 * caller's session days and members read what they need first).
 */
export async function rollupTail(
  client: pg.PoolClient,
  { day, coversUntil }: TailDay,
  rollups: readonly Rollup[],
  mergeSessions: boolean,
): Promise<void> {
  const tail = tailRollups(coversUntil);
  for (const { name } of rollups) {
    const policy = tailPolicy(name);
    if (policy === 'delta') continue;
    if (policy !== 'add' && policy !== 'sessions')
      throw new Error(`rollup ${name}: a provisional day's rows and its raw tail's do not combine`);
    const rollup = tail.find((r) => r.name === name);
    if (!rollup) throw new Error(`unknown rollup ${name}`);
    await client.query(rollup.insert, [day]);
    if (rollup.copy?.then) await client.query(rollup.copy.then, [day]);
  }
  if (!mergeSessions) return;
  await client.query(INSERT_TAIL_SESSIONS, [day]);
  for (const { name } of rollups) {
    const delta = deltaSql.get(name);
    if (delta) await client.query(delta, [day]);
    else if (tailPolicy(name) === 'delta') throw new Error(`rollup ${name} has no tail correction`);
  }
}

/** Takes the tail's unmerged session rows of `day` out of the live days' sessions table. */
export async function dropTailSessionRows(client: pg.PoolClient, day: string): Promise<void> {
  await client.query(DELETE_TAIL_ROWS, [day]);
}

/** Session days of a provisional day's sessions with no stored row (their events all after W). */
export const tailSessionDaysSql = (liveDays: string[]): string =>
  reportSql('live-day/insert-live-session-days', {
    params: DAY,
    values: {
      sessions_with_conversion: reportSql('live-day/tail-only-sessions', { params: DAY }),
      live_days: sqlDates(liveDays),
    },
  });

/** The tail's chain members of provisional day `$1` not stored for it yet (see the file). */
export const tailMembersSql = (chainCandidates: string, liveDays: string[]): string =>
  reportSql('live-day/insert-tail-members', {
    params: DAY,
    values: { chain_candidates: chainCandidates, live_days: sqlDates(liveDays) },
  });
