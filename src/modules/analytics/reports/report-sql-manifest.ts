import { sqlFile, type SqlTemplate } from '../sql/sql-template.js';

/**
 * The reports' SQL, declared: each file of `sql/reports/` (the reports' statements and the fragments
 * they are put together from) and `sql/live-day/` (what a report computes from raw events, into
 * temporary tables, for the days not rolled up), with what it names and what the code fills in.
 * report-sql.ts renders them and checks each rendering against its entry.
 *
 * Schemas are explicit: a stored aggregate is `public.` (the live days' temporary tables have the
 * same names and would take precedence), a live day's table `pg_temp.`, both rendered from the
 * relation's name (report-sql.ts). The raw events, their default partition and the ledger have no
 * temporary namesake: they are named as they are, as the rollups name them. The one exception is
 * `CREATE TEMP TABLE name`: TEMP is what puts it in pg_temp (a qualified name could only be pg_temp).
 */

/**
 * Which connection runs it: `reader`, the report's REPEATABLE READ transaction, on the read replica
 * or the primary (report-runner.ts); `primary`, that transaction on the primary only: it creates or
 * writes temporary tables, which a hot standby refuses (a report with a live day runs on the primary).
 */
export type ReportConnection = 'reader' | 'primary';

/** The schema a relation parameter is qualified with. */
export type Schema = 'public' | 'pg_temp';

export interface ReportSqlEntry {
  template: SqlTemplate;
  /** `statement`: run as it is rendered; `fragment`: a part of statements, rendered into a value of theirs. */
  kind: 'statement' | 'fragment';
  connection: ReportConnection;
  /** Relations it names by their own name (`{{analytics_daily_pages}}`), each written as report-sql.ts says. */
  reads?: readonly string[];
  /** The temporary table it creates or writes (a live-day statement); `{{…}}` when the code names it. */
  writes?: string;
  /** Placeholders that stand for an aggregate the code chooses, each qualified with this schema. */
  relationParams?: Readonly<Record<string, Schema>>;
  /** Bound parameters (`$n`: the code numbers them, as an unset filter binds none). */
  params?: readonly string[];
  /** What the code fills in: fragments (of this manifest or the rollups'), literals (days, names), lists. */
  values?: readonly string[];
}

export const REPORT_SQL = {
  'live-day/analyze': {
    template: sqlFile('live-day/analyze.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: '{{temp_tables}}',
    values: ['temp_tables'],
  },
  'live-day/tail-statistics-target': {
    template: sqlFile('live-day/tail-statistics-target.sql'),
    kind: 'statement',
    connection: 'primary',
  },
  'live-day/create-aggregate': {
    template: sqlFile('live-day/create-aggregate.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: '{{temp_table}}',
    relationParams: { aggregate: 'public' },
    values: ['temp_table'],
  },
  'live-day/create-live-firsts': {
    template: sqlFile('live-day/create-live-firsts.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: 'report_live_firsts',
  },
  'live-day/create-live-members': {
    template: sqlFile('live-day/create-live-members.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: 'report_live_members',
  },
  'live-day/create-live-session-days': {
    template: sqlFile('live-day/create-live-session-days.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: 'report_live_session_days',
  },
  'live-day/delete-day': {
    template: sqlFile('live-day/delete-day.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: '{{live_aggregate}}',
    relationParams: { live_aggregate: 'pg_temp' },
    params: ['day'],
  },
  'live-day/index-live-firsts': {
    template: sqlFile('live-day/index-live-firsts.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: 'report_live_firsts',
    reads: ['report_live_firsts'],
  },
  'live-day/index-live-members': {
    template: sqlFile('live-day/index-live-members.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: 'report_live_members',
    reads: ['report_live_members'],
  },
  'live-day/index-live-session-days': {
    template: sqlFile('live-day/index-live-session-days.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: 'report_live_session_days',
    reads: ['report_live_session_days'],
  },
  'live-day/insert-live-firsts': {
    template: sqlFile('live-day/insert-live-firsts.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: 'report_live_firsts',
    reads: ['report_live_firsts'],
    params: ['day'],
    values: ['milestone_candidates'],
  },
  'live-day/insert-live-members': {
    template: sqlFile('live-day/insert-live-members.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: 'report_live_members',
    reads: ['analytics_daily_chain_members', 'report_live_members'],
    params: ['day'],
    values: ['chain_candidates', 'live_days'],
  },
  'live-day/insert-live-session-days': {
    template: sqlFile('live-day/insert-live-session-days.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: 'report_live_session_days',
    reads: ['analytics_daily_session_days', 'report_live_session_days'],
    params: ['day'],
    values: ['live_days', 'sessions_with_conversion'],
  },
  'live-day/create-tail-sessions': {
    template: sqlFile('live-day/create-tail-sessions.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: 'report_tail_sessions',
    reads: ['analytics_daily_sessions'],
  },
  'live-day/index-tail-sessions': {
    template: sqlFile('live-day/index-tail-sessions.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: 'report_tail_sessions',
    reads: ['report_tail_sessions'],
  },
  'live-day/insert-tail-sessions': {
    template: sqlFile('live-day/insert-tail-sessions.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: 'report_tail_sessions',
    reads: ['analytics_daily_sessions', 'analytics_daily_session_days', 'report_tail_sessions'],
    relationParams: { tail_sessions: 'pg_temp', tail_logins: 'pg_temp' },
    params: ['day'],
    values: ['funnel_after_prefix'],
  },
  'live-day/insert-tail-session-durations': {
    template: sqlFile('live-day/insert-tail-session-durations.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: '{{live_aggregate}}',
    reads: ['report_tail_sessions'],
    relationParams: { live_aggregate: 'pg_temp' },
    params: ['day'],
    values: ['duration_bucket', 'session_seconds'],
  },
  'live-day/insert-tail-session-funnel': {
    template: sqlFile('live-day/insert-tail-session-funnel.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: '{{live_aggregate}}',
    reads: ['report_tail_sessions'],
    relationParams: { live_aggregate: 'pg_temp' },
    params: ['day'],
  },
  'live-day/insert-tail-session-landings': {
    template: sqlFile('live-day/insert-tail-session-landings.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: '{{live_aggregate}}',
    reads: ['report_tail_sessions'],
    relationParams: { live_aggregate: 'pg_temp' },
    params: ['day'],
  },
  'live-day/insert-tail-members': {
    template: sqlFile('live-day/insert-tail-members.sql'),
    kind: 'statement',
    connection: 'primary',
    writes: 'report_live_members',
    reads: ['analytics_daily_chain_members', 'report_live_members'],
    params: ['day'],
    values: ['chain_candidates', 'live_days'],
  },
  'live-day/tail-only-sessions': {
    template: sqlFile('live-day/tail-only-sessions.sql'),
    kind: 'fragment',
    connection: 'primary',
    reads: ['report_tail_sessions'],
    params: ['day'],
  },
  'active-users': {
    template: sqlFile('reports/active-users.sql'),
    kind: 'statement',
    connection: 'reader',
    values: ['distinct_members'],
  },
  'class-figures-of-course': {
    template: sqlFile('reports/class-figures-of-course.sql'),
    kind: 'fragment',
    connection: 'reader',
    params: ['course_id', 'class_ids'],
  },
  'class-figures': {
    template: sqlFile('reports/class-figures.sql'),
    kind: 'statement',
    connection: 'reader',
    values: ['content_counts', 'course_filter', 'sums'],
  },
  'course-is': {
    template: sqlFile('reports/course-is.sql'),
    kind: 'fragment',
    connection: 'reader',
    params: ['course_id'],
  },
  'course-viewers-total': {
    template: sqlFile('reports/course-viewers-total.sql'),
    kind: 'statement',
    connection: 'reader',
    values: ['distinct_members'],
  },
  'course-viewers': {
    template: sqlFile('reports/course-viewers.sql'),
    kind: 'statement',
    connection: 'reader',
    values: ['distinct_members'],
  },
  'course-views': {
    template: sqlFile('reports/course-views.sql'),
    kind: 'statement',
    connection: 'reader',
    values: ['content_counts', 'course_filter'],
  },
  'distinct-members-by-first-day': {
    template: sqlFile('reports/distinct-members-by-first-day.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: [
      'chain_counts',
      'counts_keys_filter',
      'counts_period',
      'live_keys_filter',
      'live_members_of_metric',
      'live_period',
      'metric',
    ],
  },
  'distinct-members-one-by-one': {
    template: sqlFile('reports/distinct-members-one-by-one.sql'),
    kind: 'fragment',
    connection: 'reader',
    reads: ['analytics_daily_chain_members'],
    values: ['from', 'keys_filter', 'live_members_of_metric', 'metric', 'period', 'stored_day', 'to'],
  },
  'distinct-members': {
    template: sqlFile('reports/distinct-members.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['distinct_members'],
  },
  'enrolled-viewers': {
    template: sqlFile('reports/enrolled-viewers.sql'),
    kind: 'statement',
    connection: 'reader',
    reads: ['analytics_daily_chain_members'],
    values: ['course_filter', 'enrolments', 'from', 'live_members', 'stored_day', 'to'],
  },
  'filters/first-key-is': {
    template: sqlFile('reports/filters/first-key-is.sql'),
    kind: 'fragment',
    connection: 'reader',
    params: ['key'],
    values: ['keys'],
  },
  'filters/keys-are': {
    template: sqlFile('reports/filters/keys-are.sql'),
    kind: 'fragment',
    connection: 'reader',
    params: ['key'],
    values: ['keys'],
  },
  'filters/landing-sessions': {
    template: sqlFile('reports/filters/landing-sessions.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['filters'],
  },
  'filters/period-start': {
    template: sqlFile('reports/filters/period-start.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['day_column', 'granularity', 'range_from'],
  },
  'filters/platform': {
    template: sqlFile('reports/filters/platform.sql'),
    kind: 'fragment',
    connection: 'reader',
    params: ['platform'],
    values: ['column_prefix'],
  },
  'filters/session-filters': {
    template: sqlFile('reports/filters/session-filters.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['platform_filter', 'utm_source_filter'],
  },
  'filters/utm-source': {
    template: sqlFile('reports/filters/utm-source.sql'),
    kind: 'fragment',
    connection: 'reader',
    params: ['utm_source'],
    values: ['column_prefix'],
  },
  'first-milestones': {
    template: sqlFile('reports/first-milestones.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['live', 'stored'],
  },
  'history-day': {
    template: sqlFile('reports/history-day.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['history_days'],
  },
  'live-first-milestones': {
    template: sqlFile('reports/live-first-milestones.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['live'],
  },
  'live-firsts': {
    template: sqlFile('reports/live-firsts.sql'),
    kind: 'fragment',
    connection: 'reader',
    reads: ['analytics_daily_user_firsts'],
    values: ['history_days', 'live_firsts', 'previous_milestone', 'raw_days'],
  },
  'live-members-of-metric': {
    template: sqlFile('reports/live-members-of-metric.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['live_members', 'metric'],
  },
  'login-funnel': {
    template: sqlFile('reports/login-funnel.sql'),
    kind: 'statement',
    connection: 'reader',
    values: ['filters', 'multi_day_session_rows', 'session_funnel', 'whole_sessions'],
  },
  'milestone-stats': {
    template: sqlFile('reports/milestone-stats.sql'),
    kind: 'statement',
    connection: 'reader',
    values: ['gap_rows'],
  },
  'module-progression-of-course': {
    template: sqlFile('reports/module-progression-of-course.sql'),
    kind: 'fragment',
    connection: 'reader',
    params: ['course_id', 'module_ids'],
  },
  'module-progression': {
    template: sqlFile('reports/module-progression.sql'),
    kind: 'statement',
    connection: 'reader',
    values: ['course_filter', 'module_events'],
  },
  'multi-day-session-rows': {
    template: sqlFile('reports/multi-day-session-rows.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['from', 'session_days', 'sessions', 'to'],
  },
  'multi-day-session-rows-with-tail': {
    template: sqlFile('reports/multi-day-session-rows-with-tail.sql'),
    kind: 'fragment',
    connection: 'primary',
    reads: ['report_tail_sessions'],
    values: ['from', 'session_columns', 'session_days', 'sessions', 'to'],
  },
  'page-key-page-type': {
    template: sqlFile('reports/page-key-page-type.sql'),
    kind: 'fragment',
    connection: 'reader',
  },
  'page-key-page': {
    template: sqlFile('reports/page-key-page.sql'),
    kind: 'fragment',
    connection: 'reader',
  },
  'page-views-per-page': {
    template: sqlFile('reports/page-views-per-page.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['page_key', 'pages'],
  },
  'page-views-totals': {
    template: sqlFile('reports/page-views-totals.sql'),
    kind: 'statement',
    connection: 'reader',
    values: ['per_page'],
  },
  'page-views': {
    template: sqlFile('reports/page-views.sql'),
    kind: 'statement',
    connection: 'reader',
    params: ['limit'],
    values: ['per_page'],
  },
  'registration-to-first-view': {
    template: sqlFile('reports/registration-to-first-view.sql'),
    kind: 'statement',
    connection: 'reader',
    params: ['milestone'],
    values: ['accounts', 'created_at_ms', 'first_at_ms', 'first_milestones'],
  },
  'runner/day-has-events': {
    template: sqlFile('reports/runner/day-has-events.sql'),
    kind: 'statement',
    connection: 'reader',
    reads: ['analytics_events'],
    values: ['day', 'day_text'],
  },
  'runner/default-partition-days': {
    template: sqlFile('reports/runner/default-partition-days.sql'),
    kind: 'statement',
    connection: 'reader',
    reads: ['analytics_events_default'],
    params: ['from', 'until'],
  },
  'runner/event-partitions': {
    template: sqlFile('reports/runner/event-partitions.sql'),
    kind: 'statement',
    connection: 'reader',
  },
  'runner/first-day': {
    template: sqlFile('reports/runner/first-day.sql'),
    kind: 'statement',
    connection: 'reader',
    reads: ['analytics_events_default', 'analytics_rollup_ledger'],
  },
  'runner/jit-off': {
    template: sqlFile('reports/runner/jit-off.sql'),
    kind: 'statement',
    connection: 'reader',
  },
  'runner/provisional-days': {
    template: sqlFile('reports/runner/provisional-days.sql'),
    kind: 'statement',
    connection: 'reader',
    reads: ['analytics_rollup_ledger'],
    params: ['from', 'to', 'rollups', 'versions', 'rollup_count'],
  },
  'runner/stored-days': {
    template: sqlFile('reports/runner/stored-days.sql'),
    kind: 'statement',
    connection: 'reader',
    reads: ['analytics_rollup_ledger'],
    params: ['from', 'to', 'rollups', 'rollup_count'],
  },
  'scope/live-session-days': {
    template: sqlFile('reports/scope/live-session-days.sql'),
    kind: 'fragment',
    connection: 'reader',
    reads: ['report_live_session_days'],
  },
  'scope/no-condition': {
    template: sqlFile('reports/scope/no-condition.sql'),
    kind: 'fragment',
    connection: 'reader',
  },
  'scope/no-live-firsts': {
    template: sqlFile('reports/scope/no-live-firsts.sql'),
    kind: 'fragment',
    connection: 'reader',
  },
  'scope/no-live-members': {
    template: sqlFile('reports/scope/no-live-members.sql'),
    kind: 'fragment',
    connection: 'reader',
  },
  'scope/session-days': {
    template: sqlFile('reports/scope/session-days.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['live_session_days', 'stored'],
  },
  'scope/stored-and-live-rows': {
    template: sqlFile('reports/scope/stored-and-live-rows.sql'),
    kind: 'fragment',
    connection: 'reader',
    relationParams: { live: 'pg_temp' },
    values: ['stored'],
  },
  'scope/stored-day': {
    template: sqlFile('reports/scope/stored-day.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['column', 'other_days'],
  },
  'scope/stored-rows': {
    template: sqlFile('reports/scope/stored-rows.sql'),
    kind: 'fragment',
    connection: 'reader',
    relationParams: { aggregate: 'public' },
    values: ['from', 'stored_day', 'to'],
  },
  'session-durations': {
    template: sqlFile('reports/session-durations.sql'),
    kind: 'statement',
    connection: 'reader',
    values: [
      'bucket_of_seconds',
      'bucket_of_session_day',
      'filters',
      'multi_day_session_rows',
      'session_day_seconds',
      'session_durations',
      'whole_sessions',
    ],
  },
  'session-groups': {
    template: sqlFile('reports/session-groups.sql'),
    kind: 'statement',
    connection: 'reader',
    values: ['filters', 'key', 'multi_day_session_rows', 'session_landings', 'whole_sessions'],
  },
  'session-key-landing-page': {
    template: sqlFile('reports/session-key-landing-page.sql'),
    kind: 'fragment',
    connection: 'reader',
  },
  'session-key-source': {
    template: sqlFile('reports/session-key-source.sql'),
    kind: 'fragment',
    connection: 'reader',
  },
  'stored-and-live-milestone-gaps': {
    template: sqlFile('reports/stored-and-live-milestone-gaps.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['live_gap_rows', 'stored_gaps'],
  },
  'stored-first-milestones-after-raw-days': {
    template: sqlFile('reports/stored-first-milestones-after-raw-days.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['history', 'live_firsts', 'previous_milestone', 'user_firsts'],
  },
  'stored-first-milestones-only': {
    template: sqlFile('reports/stored-first-milestones-only.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['stored'],
  },
  'stored-first-milestones': {
    template: sqlFile('reports/stored-first-milestones.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['user_firsts'],
  },
  'stored-milestone-gaps': {
    template: sqlFile('reports/stored-milestone-gaps.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['milestone_gaps'],
  },
  'utm-performance-totals': {
    template: sqlFile('reports/utm-performance-totals.sql'),
    kind: 'statement',
    connection: 'reader',
    values: ['converters', 'users'],
  },
  'utm-performance': {
    template: sqlFile('reports/utm-performance.sql'),
    kind: 'statement',
    connection: 'reader',
    values: ['campaigns', 'converters', 'source_filter', 'users'],
  },
  'utm-source-is': {
    template: sqlFile('reports/utm-source-is.sql'),
    kind: 'fragment',
    connection: 'reader',
    params: ['utm_source'],
  },
  'whole-ms': {
    template: sqlFile('reports/whole-ms.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['column'],
  },
  'whole-sessions': {
    template: sqlFile('reports/whole-sessions.sql'),
    kind: 'fragment',
    connection: 'reader',
    values: ['rows'],
  },
} as const satisfies Record<string, ReportSqlEntry>;

export type ReportSqlName = keyof typeof REPORT_SQL;
