/**
 * The rollup subsystem: rolls each UTC day's raw events up into the stored aggregates, keeps the
 * ledger, and renders its statements for the reports' live days. What the rest of the code may use
 * (the reports, the job, the module, the CLI through the module's index, the tests and benches);
 * everything else in this folder is its own (eslint-rules/module-boundaries.js).
 */
export {
  ANALYTICS_LOCK,
  AnalyticsRollupService,
  type DailyRunReport,
  type Exclusive,
  type IntradayReport,
  type PruneReport,
} from './analytics-rollup.service.js';
export { rollupStatementSettings } from './analytics-rollup.ledger.js';
export {
  CHAIN_METRICS,
  chainCandidates,
  chainMetric,
  MAX_RANGE_DAYS,
  type ChainMetric,
} from './chain-metrics.js';
export { DERIVED_ROLLUPS, derivedRollup } from './derived-rollup-sql.js';
export { DEFAULT_PARTITION, listPartitions } from './event-partitions.js';
export { rollupReads, rollupVersion } from './rollup-graph.js';
export { RAW_EVENTS_TABLE, ROLLUP_MANIFEST } from './rollup-manifest.js';
export {
  LIVE_ROLLUPS,
  renderDayFragment,
  ROLLUP_NAMES,
  ROLLUPS,
  rollupsUntil,
  tailRollups,
  type Rollup,
} from './rollup-sql.js';
export {
  DURATION_BUCKETS,
  durationBucket,
  MILESTONE_ACTIONS,
  MILESTONE_CANDIDATES,
  milestoneGapRows,
  previousMilestone,
  SESSIONS_WITH_CONVERSION,
  sessionSeconds,
} from './rollup-values.js'; // the values the rollup statements and the reports share
export {
  addDays,
  daysBetween,
  isUtcDay,
  partitionDay,
  partitionName,
  sqlDate,
  sqlDates,
  utcDay,
} from './utc-day.js';
