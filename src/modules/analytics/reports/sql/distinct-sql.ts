import { sqlDate } from '../../rollup/utc-day.js';
import { type Granularity, periodStartSql } from '../report-range.js';
import type { ReportScope } from '../report-runner.js';

/**
 * Exact distinct members of a chain metric per period and keys (see rollup/chain-metrics.ts), as
 * rows `(period date, keys text[], members bigint)`. `keys` is an SQL predicate on the column
 * `keys` (e.g. `keys[1] = $1`), `true` for all.
 *
 * A member counts on its first day of the period: stored days from the per-day counts (`day −
 * gap_days` before the period start), days computed from raw events from their members and the
 * previous day each was seen (`prev_day`, see `ReportScope.liveMembers`). When such a day comes
 * before a stored day, the stored chains may skip it, so members are then counted one by one.
 */
export function distinctMembersSql(
  scope: ReportScope,
  metric: string,
  granularity: Granularity | 'range',
  keys = 'true',
): string {
  const { range } = scope;
  const period = (day: string) => periodStartSql(day, granularity, range);
  const live = `SELECT day, keys, member, prev_day FROM ${scope.liveMembers} lm WHERE metric = '${metric}'`;
  if (scope.liveBeforeStored) {
    return `SELECT ${period('m.day')} AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM public.analytics_daily_chain_members
            WHERE metric = '${metric}' AND day BETWEEN ${sqlDate(range.from)} AND ${sqlDate(range.to)}
              AND ${scope.isStoredDay('day')}
            UNION ALL SELECT day, keys, member FROM (${live}) l) m
      WHERE ${keysOf('m', keys)}
      GROUP BY 1, 2`;
  }
  return `SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM ${scope.stored('analytics_daily_chain_counts')} c CROSS JOIN LATERAL (SELECT ${period('c.day')} AS period) p
      WHERE c.metric = '${metric}' AND ${keysOf('c', keys)} AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM (${live}) l CROSS JOIN LATERAL (SELECT ${period('l.day')} AS period) p
      WHERE ${keysOf('l', keys)} AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2`;
}

/** The predicate on `keys`, qualified with a table alias. */
const keysOf = (alias: string, predicate: string) => predicate.replace(/\bkeys\b/g, `${alias}.keys`);
