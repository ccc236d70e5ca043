import type pg from 'pg';
import {
  chainCandidates,
  chainMetric,
  derivedRollup,
  LIVE_ROLLUPS,
  MILESTONE_CANDIDATES,
  renderDayFragment,
  rollupReads,
  ROLLUPS,
  SESSIONS_WITH_CONVERSION,
  sqlDates,
  type ChainMetric,
  type Rollup,
} from '../rollup/index.js';
import { type TailDay } from './report-days.js';
import { LIVE_FIRSTS, LIVE_MEMBERS, LIVE_SESSION_DAYS, liveTable, reportSql } from './report-sql.js';
import {
  createTailSessions,
  dropTailSessionRows,
  mergesTailSessions,
  rollupTail,
  tailMembersSql,
  tailSessionDaysSql,
} from './tail-days.js';

/** What a report reads of the days not rolled up (ReportPlan, report-runner.ts). */
export interface LivePlan {
  live?: string[];
  chains?: string[];
  milestones?: boolean;
  sessionDays?: boolean;
}

/** The rollups that write those tables. */
const rollupsWriting = (tables: readonly string[]): Rollup[] =>
  ROLLUPS.filter((r) => tables.includes(r.table));

/** A rollup as the live days run it: into (and from) the temporary tables, named `pg_temp.` explicitly. */
const liveRollup = (name: string): Rollup => {
  const rollup = LIVE_ROLLUPS.find((r) => r.name === name);
  if (!rollup) throw new Error(`unknown rollup ${name}`);
  return rollup;
};

const DAY = { day: '$1' };

/** First milestones of day `$1`, from the live days' temporary tables, into theirs. */
const INSERT_LIVE_FIRSTS = reportSql('live-day/insert-live-firsts', {
  params: DAY,
  values: {
    milestone_candidates: renderDayFragment(MILESTONE_CANDIDATES, MILESTONE_CANDIDATES.reads, 'pg_temp'),
  },
});
/** The live day's sessions with their conversion, from the temporary tables. */
const LIVE_SESSIONS_WITH_CONVERSION = renderDayFragment(
  SESSIONS_WITH_CONVERSION,
  SESSIONS_WITH_CONVERSION.reads,
  'pg_temp',
);

/** The temporary tables of the report's own (no rollup writes them), each made and indexed by its files. */
const OWN_TABLES = [
  { table: LIVE_MEMBERS, create: 'live-day/create-live-members', index: 'live-day/index-live-members' },
  { table: LIVE_FIRSTS, create: 'live-day/create-live-firsts', index: 'live-day/index-live-firsts' },
  {
    table: LIVE_SESSION_DAYS,
    create: 'live-day/create-live-session-days',
    index: 'live-day/index-live-session-days',
  },
] as const;

/**
 * Computes, for the live days, what the plan reads, into temporary tables (on the primary: a hot
 * standby refuses them); returns the tables made. Days before the range (`historyDays`) get their
 * first milestones only. Provisional days (`tails`) get what their raw tail adds to their stored
 * rows (tail-days.ts). Live and provisional days go in day order: each day's chains, first times
 * and session days look back at the days before it.
 */
export async function computeLiveDays(
  client: pg.PoolClient,
  plan: LivePlan,
  days: string[],
  historyDays: string[],
  tails: readonly TailDay[] = [],
): Promise<Set<string>> {
  const metrics = (plan.chains ?? []).map(chainMetric);
  const extraReads = [
    ...metrics.flatMap((m) => m.candidates.reads),
    ...(plan.milestones ? MILESTONE_CANDIDATES.reads : []),
    ...(plan.sessionDays ? SESSIONS_WITH_CONVERSION.reads : []),
  ];
  const rollups = liveClosure([...(plan.live ?? []).map(rollupNamed), ...rollupsWriting(extraReads)]);
  const made = new Set<string>();
  for (const rollup of rollups) {
    await client.query(
      reportSql('live-day/create-aggregate', {
        relations: { aggregate: rollup.table },
        values: { temp_table: rollup.table },
      }),
    );
    made.add(rollup.table);
  }
  const wanted = {
    [LIVE_MEMBERS]: metrics.length > 0,
    [LIVE_FIRSTS]: !!plan.milestones,
    [LIVE_SESSION_DAYS]: !!plan.sessionDays,
  };
  for (const own of OWN_TABLES) {
    if (!wanted[own.table]) continue;
    await client.query(reportSql(own.create));
    await client.query(reportSql(own.index));
    made.add(own.table);
  }
  const mergeSessions = tails.length > 0 && mergesTailSessions(rollups, !!plan.sessionDays);
  if (mergeSessions) made.add(await createTailSessions(client));
  // Days before the range: their first milestones only; what was computed for them goes again.
  const firstsFrom = liveClosure(rollupsWriting(MILESTONE_CANDIDATES.reads));
  for (const day of historyDays) {
    for (const rollup of firstsFrom) await client.query(liveRollup(rollup.name).insert, [day]);
    await client.query(INSERT_LIVE_FIRSTS, [day]);
    for (const rollup of firstsFrom)
      await client.query(
        reportSql('live-day/delete-day', { params: DAY, relations: { live_aggregate: rollup.table } }),
        [day],
      );
  }
  const tailOf = new Map(tails.map((t) => [t.day, t]));
  for (const day of [...days, ...tailOf.keys()].sort()) {
    const tail = tailOf.get(day);
    if (tail) {
      await rollupTail(client, tail, rollups, mergeSessions);
    } else {
      // The rollup statements, rendered for the temporary tables, write and read them.
      for (const { name } of rollups) {
        const rollup = liveRollup(name);
        await client.query(rollup.insert, [day]);
        if (rollup.copy?.then) await client.query(rollup.copy.then, [day]);
      }
    }
    if (metrics.length) {
      const candidates = liveChainCandidates(metrics);
      await client.query(tail ? tailMembersSql(candidates, days) : liveMembersSql(metrics, days), [day]);
    }
    if (plan.milestones) await client.query(INSERT_LIVE_FIRSTS, [day]);
    if (plan.sessionDays)
      await client.query(tail ? tailSessionDaysSql(days) : liveSessionDaysSql(days), [day]);
    // The tail's own session rows are in the merged ones now (read from report_tail_sessions).
    if (tail && mergeSessions) await dropTailSessionRows(client, day);
  }
  if (!days.length) await client.query(reportSql('live-day/tail-statistics-target'));
  await client.query(
    reportSql('live-day/analyze', { values: { temp_tables: [...made].map(liveTable).join(', ') } }),
  );
  return made;
}

function rollupNamed(name: string): Rollup {
  const rollup = ROLLUPS.find((r) => r.name === name);
  if (!rollup) throw new Error(`unknown rollup ${name}`);
  if (derivedRollup(name)?.history)
    throw new Error(`rollup ${name} reads earlier days: it cannot run for one day alone`);
  return rollup;
}

/** The rollups with those they read, in rollup order. */
function liveClosure(wanted: Rollup[]): Rollup[] {
  const needed = new Set<Rollup>();
  const add = (r: Rollup) => {
    if (needed.has(r)) return;
    needed.add(r);
    const reads = rollupReads(r.name);
    ROLLUPS.filter((o) => reads.includes(o.table)).forEach(add);
  };
  wanted.forEach(add);
  return ROLLUPS.filter((r) => needed.has(r));
}

/** The chain members of those metrics for the live day `$1`, from the temporary tables. */
function liveChainCandidates(metrics: ChainMetric[]): string {
  const { text, reads, values } = chainCandidates(metrics);
  return renderDayFragment(text, reads, 'pg_temp', values);
}

/** Chain members of a live day, with their previous day from the stored ones and from earlier live days. */
export const liveMembersSql = (metrics: ChainMetric[], liveDays: string[]): string =>
  reportSql('live-day/insert-live-members', {
    params: DAY,
    values: { chain_candidates: liveChainCandidates(metrics), live_days: sqlDates(liveDays) },
  });

/** Session days of a live day: the previous day from the stored ones and from earlier live days. */
export const liveSessionDaysSql = (liveDays: string[]): string =>
  reportSql('live-day/insert-live-session-days', {
    params: DAY,
    values: { sessions_with_conversion: LIVE_SESSIONS_WITH_CONVERSION, live_days: sqlDates(liveDays) },
  });
