import { FUNNEL_START_SQL, FUNNEL_STEP_COUNT, FUNNEL_STEP_SQL } from '../login-funnel.js';
import { renderSql, sqlFile, type SqlTemplate, type SqlValues } from '../sql/sql-template.js';

/**
 * What the rollup statements (`sql/rollups/*.sql`) and the reports share besides the tables: the
 * fragments (`sql/fragments/*.sql`) and the constants of the code, as values of their placeholders.
 */

/** Lower bounds (seconds) of the session duration buckets. */
export const DURATION_BUCKETS = [0, 10, 30, 60, 180, 600, 1800, 3600] as const;

/** 1-based bucket of a duration in seconds. */
export const durationBucket = (seconds: string) =>
  `width_bucket(${seconds}, ARRAY[${DURATION_BUCKETS.join(', ')}]::numeric[])::smallint`;

/** Whole seconds are not enough to be exact: durations keep microseconds. */
export const sessionSeconds = (first: string, last: string) => `extract(epoch FROM ${last} - ${first})`;

/** The milestones of a learner's journey whose first occurrence is kept, in journey order. */
export const MILESTONE_ACTIONS = [
  'course_viewed',
  'class_started',
  'class_completed',
  'module_completed',
] as const;

/**
 * Upper bounds of the milestone-gap buckets (ms, a geometric series ×1.25 from 1 ms to beyond 10
 * years): the time between two milestones of a user is kept in the bucket where it falls (1-based,
 * `width_bucket`), so that a median over any range reads the per-bucket counts of its days and
 * then the values of the one or two buckets where the median lies.
 */
export const GAP_BUCKET_MS: readonly number[] = [
  0,
  ...new Set(Array.from({ length: 120 }, (_, i) => Math.round(1.25 ** i))),
];

/** SQL: the milestone before the one in `column` (NULL for the first). */
export const previousMilestone = (column: string) =>
  `CASE ${column} ${MILESTONE_ACTIONS.slice(1)
    .map((m, i) => `WHEN '${m}' THEN '${MILESTONE_ACTIONS[i]}'`)
    .join(' ')} END`;

/** A fragment that names relations: the rollup statements including it declare them as reads. */
export interface SqlFragment extends SqlTemplate {
  readonly reads: readonly string[];
}

const fragment = (path: string, reads: readonly string[] = []): SqlFragment => ({ ...sqlFile(path), reads });

/** Milestone constants of the fragments. */
const MILESTONE_VALUES: SqlValues = {
  milestone_actions: MILESTONE_ACTIONS.map((a) => `'${a}'`).join(', '),
  milestone_columns: MILESTONE_ACTIONS.map(
    (a) => `min(first_at) FILTER (WHERE event_action = '${a}') AS ${a}`,
  ).join(', '),
  milestone_rows: MILESTONE_ACTIONS.map((a, i) => {
    const prev = MILESTONE_ACTIONS[i - 1];
    return prev ? `('${a}', u.${a}, '${prev}', u.${prev})` : `('${a}', u.${a}, NULL, NULL::timestamptz)`;
  }).join(', '),
  first_milestone: `'${MILESTONE_ACTIONS[0]}'`,
  gap_bucket_ms: GAP_BUCKET_MS.join(', '),
};

/**
 * The day's sessions (`analytics_daily_sessions` of day `$1`) with `converted` (see the file).
 * Read by two rollups and by the reports' live session days.
 */
export const SESSIONS_WITH_CONVERSION = fragment('fragments/sessions-with-conversion.sql', [
  'analytics_daily_sessions',
  'analytics_daily_utm',
]);

/** Day `$1`'s milestones per user, then one row per milestone reached with the one before. */
export const MILESTONES_OF_DAY = fragment('fragments/milestones-of-day.sql', [
  'analytics_daily_user_content',
]);

/** First occurrence of each milestone per user on day `$1`: the reports' live first milestones. */
export const MILESTONE_CANDIDATES = fragment('fragments/milestone-candidates.sql', [
  'analytics_daily_user_content',
]);

const MILESTONE_GAP_ROWS = sqlFile('fragments/milestone-gap-rows.sql');

/** Every value the rollup statements' placeholders may name (their own `values` aside). */
export const ROLLUP_VALUES: SqlValues = {
  day_range: sqlFile('fragments/day-range.sql'),
  page_path: sqlFile('fragments/page-path.sql'),
  milestone: sqlFile('fragments/milestone.sql'),
  watched_seconds: sqlFile('fragments/watched-seconds.sql'),
  content_event: sqlFile('fragments/content-event.sql'),
  funnel_step: FUNNEL_STEP_SQL,
  funnel_start: FUNNEL_START_SQL,
  funnel_steps: String(FUNNEL_STEP_COUNT),
  first_utm: sqlFile('fragments/first-utm.sql'),
  sessions_with_conversion: SESSIONS_WITH_CONVERSION,
  milestones_of_day: MILESTONES_OF_DAY,
  milestone_gap_rows: MILESTONE_GAP_ROWS,
  duration_bucket: durationBucket('seconds'),
  session_seconds: sessionSeconds('first_at', 'last_at'),
  ...MILESTONE_VALUES,
};

/**
 * Per milestone (but the first) and gap bucket, the users of `source` (rows milestone, first_at,
 * prev_first_at: first milestones) whose first time of it is there (see the file). `source` is SQL
 * naming its own relations (the reports pass theirs).
 */
export const milestoneGapRows = (source: string): string =>
  renderSql(MILESTONE_GAP_ROWS, { relations: new Map(), params: {}, values: { ...MILESTONE_VALUES, source } })
    .sql;
