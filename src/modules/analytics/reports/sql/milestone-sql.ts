import { milestoneGapRows, previousMilestone, sqlDates } from '../../rollup/index.js';
import type { ReportScope } from '../report-scope.js';
import { reportSql } from '../report-sql.js';

/**
 * The milestone-times report's relations (journey-reports.ts): first milestones and the gaps
 * between them over a range, from the stored days and the days computed from raw events.
 */

/**
 * The range's milestone gaps, as rows of `analytics_daily_milestone_gaps` (milestone, bucket,
 * reached, sum_ms, gaps, counts): the stored rows of the rolled-up days, and the same computed
 * from the first milestones of the days computed from raw events. When such a day comes before a
 * stored one, its first times may replace stored ones: all are then computed from first milestones.
 */
export function milestoneGaps(scope: ReportScope): string {
  // Raw days before the range may hold earlier first times than the stored ones: per user, then.
  if (scope.liveBeforeStored || scope.historyDays.length) return milestoneGapRows(firstMilestones(scope));
  const stored = reportSql('stored-milestone-gaps', {
    values: { milestone_gaps: scope.stored('analytics_daily_milestone_gaps') },
  });
  return scope.hasRawRows
    ? reportSql('stored-and-live-milestone-gaps', {
        values: { stored_gaps: stored, live_gap_rows: milestoneGapRows(liveFirstMilestones(scope)) },
      })
    : stored;
}

/**
 * First milestones reached in the range (milestone, user_id, first_at, prev_first_at): the stored
 * rows of the rolled-up days, plus those of the days computed from raw events that are first times
 * indeed (no earlier one stored), with the previous milestone's first time looked up. Raw days
 * before the range (`historyDays`, not rolled up) may hold earlier first times: a stored row is no
 * first time then, and its previous milestone may be earlier.
 */
export function firstMilestones(scope: ReportScope): string {
  const userFirsts = scope.stored('analytics_daily_user_firsts');
  const stored = scope.historyDays.length
    ? reportSql('stored-first-milestones-after-raw-days', {
        values: {
          live_firsts: scope.liveFirsts,
          history: reportSql('history-day', { values: { history_days: sqlDates(scope.historyDays) } }),
          previous_milestone: previousMilestone('s.milestone'),
          user_firsts: userFirsts,
        },
      })
    : reportSql('stored-first-milestones', { values: { user_firsts: userFirsts } });
  if (!scope.hasRawRows) return reportSql('stored-first-milestones-only', { values: { stored } });
  return reportSql('first-milestones', { values: { stored, live: liveFirsts(scope) } });
}

/** The first milestones of the days computed from raw events alone (see `firstMilestones`). */
function liveFirstMilestones(scope: ReportScope): string {
  return reportSql('live-first-milestones', { values: { live: liveFirsts(scope) } });
}

/**
 * First-milestone candidates of the live days with no earlier first time stored (or on a raw day
 * before the range), and the one before.
 */
function liveFirsts(scope: ReportScope): string {
  return reportSql('live-firsts', {
    values: {
      live_firsts: scope.liveFirsts,
      previous_milestone: previousMilestone('l.milestone'),
      raw_days: sqlDates([...scope.historyDays, ...scope.liveDays]),
      history_days: sqlDates(scope.historyDays),
    },
  });
}
