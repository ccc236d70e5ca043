import { sqlDate } from '../../rollup/index.js';
import { type Granularity, periodStartSql } from '../report-range.js';
import { NO_CONDITION, type ReportScope } from '../report-scope.js';
import { reportSql } from '../report-sql.js';

/**
 * Which keys of a chain metric to count: all (`all`), one exact keys array (`keys-are`: `{ key }`,
 * the parameter holding the one key), those whose first key is one (`first-key-is`).
 */
export type KeysFilter =
  { kind: 'all' } | { kind: 'keys-are' | 'first-key-is'; key: string /* its parameter: `$1` */ };

export const ALL_KEYS: KeysFilter = { kind: 'all' };

/** The keys predicate on the `keys` column of a table alias. */
function keysOf(alias: string, filter: KeysFilter): string {
  if (filter.kind === 'all') return NO_CONDITION;
  return reportSql(`filters/${filter.kind}`, {
    params: { key: filter.key },
    values: { keys: `${alias}.keys` },
  });
}

/**
 * Exact distinct members of a chain metric per period and keys (see rollup/chain-metrics.ts), as
 * rows `(period date, keys text[], members bigint)`.
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
  keys: KeysFilter = ALL_KEYS,
): string {
  const { range } = scope;
  const period = (day: string) => periodStartSql(day, granularity, range);
  const live = reportSql('live-members-of-metric', { values: { live_members: scope.liveMembers, metric } });
  if (scope.liveBeforeStored) {
    return reportSql('distinct-members-one-by-one', {
      values: {
        period: period('m.day'),
        metric,
        from: sqlDate(range.from),
        to: sqlDate(range.to),
        stored_day: scope.isStoredDay('day'),
        live_members_of_metric: live,
        keys_filter: keysOf('m', keys),
      },
    });
  }
  return reportSql('distinct-members-by-first-day', {
    values: {
      chain_counts: scope.stored('analytics_daily_chain_counts'),
      counts_period: period('c.day'),
      metric,
      counts_keys_filter: keysOf('c', keys),
      live_members_of_metric: live,
      live_period: period('l.day'),
      live_keys_filter: keysOf('l', keys),
    },
  });
}
