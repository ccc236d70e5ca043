import { sqlFile, type SqlTemplate, type SqlValues } from '../sql/sql-template.js';
import { CHAIN_METRICS, chainCandidates, MAX_RANGE_DAYS } from './chain-metrics.js';

/**
 * The rollups, declared: for each, the `.sql` file(s) it runs (`sql/rollups/`), the table it writes,
 * what its statements read, which connection computes its rows, and its parameters. Everything
 * else is derived from this list and checked against the files (rollup-sql.ts): the write order
 * (each rollup after what it reads), the rollups a report's live day needs, the versions in the
 * ledger. The list's order is the preference among rollups ready to run (see `writeOrder`).
 */

/** The raw events' table: a rollup that reads it can only run while the day's raw events exist. */
export const RAW_EVENTS_TABLE = 'analytics_events';

/**
 * Which connection computes a rollup's rows in the daily rollup: `writer`, the transaction that
 * writes every aggregate of the day (an INSERT … SELECT); `snapshot-reader`, the read-only second
 * connection sharing its snapshot (rollup/snapshot-reader.ts), whose SELECT the writer copies in.
 * A report's live days run every rollup's SELECT on the report's own (reader) connection, into
 * temporary tables.
 */
export type RollupConnection = 'writer' | 'snapshot-reader';

/** One statement: its file, what it reads (tables of day `{{day}}` besides the rollup's own), its values. */
export interface RollupStatement {
  template: SqlTemplate;
  reads: readonly string[];
  values?: SqlValues;
}

export interface RollupManifest {
  name: string;
  /** The table it writes: the rows of day `{{day}}`, deleted first. */
  table: string;
  /** Base aggregates (from raw events, and two added up from them) or the reports' derived ones. */
  group: 'base' | 'derived';
  connection: RollupConnection;
  /**
   * `writer`: the INSERT of the day's rows. `snapshot-reader`: the SELECT of the rows (`columns`,
   * without `day`), which the writer copies in (or, on a report's live day, inserts).
   */
  statement: RollupStatement;
  /** Columns of `statement`'s rows (snapshot-reader rollups). */
  columns?: readonly string[];
  /** Completes the copied rows on the writer, with what only the writer sees (earlier rollups' rows). */
  then?: RollupStatement;
  /**
   * Also reads earlier days of its own table (previous occurrence of a session or a member, first
   * occurrence of a milestone), by the table's key: it depends on the days before being rolled up
   * first, so it never runs for a report's live day alone (see derived-rollup-sql.ts).
   */
  history?: true;
  /** Its parameters, in order (`{{day}}` is `$1`): every rollup statement reads one UTC day. */
  params: readonly ['day'];
}

const DAY = ['day'] as const;
const file = (name: string) => sqlFile(`rollups/${name}.sql`);
const ALL_CHAINS = chainCandidates(CHAIN_METRICS);

export const ROLLUP_MANIFEST: readonly RollupManifest[] = [
  // From raw events, on the writer: what the writer computes while the reader works.
  {
    name: 'user_content',
    table: 'analytics_daily_user_content',
    group: 'base',
    connection: 'writer',
    statement: { template: file('user-content'), reads: [RAW_EVENTS_TABLE] },
    params: DAY,
  },
  // From raw events, on the snapshot reader, in the order it delivers them.
  {
    name: 'sessions',
    table: 'analytics_daily_sessions',
    group: 'base',
    connection: 'snapshot-reader',
    statement: { template: file('sessions'), reads: [RAW_EVENTS_TABLE] },
    columns: [
      'session_id',
      'user_id',
      'platform',
      'first_at',
      'last_at',
      'events',
      'page_views',
      'landing_page',
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'logged_in',
      'funnel',
    ],
    params: DAY,
  },
  {
    name: 'utm',
    table: 'analytics_daily_utm',
    group: 'base',
    connection: 'snapshot-reader',
    statement: { template: file('utm'), reads: [RAW_EVENTS_TABLE] },
    columns: [
      'row_no',
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'session_id',
      'user_id',
      'events',
      'page_views',
      'logins',
      'logged_in_events',
      'registered',
      'first_at',
      'last_at',
    ],
    params: DAY,
  },
  {
    name: 'pages',
    table: 'analytics_daily_pages',
    group: 'base',
    connection: 'snapshot-reader',
    statement: { template: file('pages'), reads: [RAW_EVENTS_TABLE] },
    columns: ['page', 'page_views', 'unique_sessions', 'unique_users', 'landings', 'bounces'],
    then: { template: file('pages-landings'), reads: ['analytics_daily_sessions'] },
    params: DAY,
  },
  {
    name: 'events',
    table: 'analytics_daily_events',
    group: 'base',
    connection: 'snapshot-reader',
    statement: { template: file('events'), reads: [RAW_EVENTS_TABLE] },
    columns: [
      'event_type',
      'event_action',
      'platform',
      'events',
      'unique_users',
      'unique_sessions',
      'anonymous_events',
      'logged_in_events',
    ],
    params: DAY,
  },
  {
    name: 'content',
    table: 'analytics_daily_content',
    group: 'base',
    connection: 'snapshot-reader',
    statement: { template: file('content'), reads: [RAW_EVENTS_TABLE] },
    columns: ['course_id', 'class_id', 'event_type', 'event_action', 'milestone', 'events', 'watch_seconds'],
    params: DAY,
  },
  // From the day's aggregates, on the writer.
  {
    name: 'module_events',
    table: 'analytics_daily_module_events',
    group: 'derived',
    connection: 'writer',
    statement: { template: file('module-events'), reads: ['analytics_daily_user_content'] },
    params: DAY,
  },
  {
    name: 'user_firsts',
    table: 'analytics_daily_user_firsts',
    group: 'derived',
    connection: 'writer',
    history: true,
    statement: { template: file('user-firsts'), reads: ['analytics_daily_user_content'] },
    params: DAY,
  },
  {
    name: 'milestone_gaps',
    table: 'analytics_daily_milestone_gaps',
    group: 'derived',
    connection: 'writer',
    statement: {
      template: file('milestone-gaps'),
      reads: ['analytics_daily_user_firsts'],
      values: { source: '(SELECT * FROM {{analytics_daily_user_firsts}} f WHERE f.day = d.day)' },
    },
    params: DAY,
  },
  {
    name: 'session_durations',
    table: 'analytics_daily_session_durations',
    group: 'derived',
    connection: 'writer',
    statement: { template: file('session-durations'), reads: ['analytics_daily_sessions'] },
    params: DAY,
  },
  {
    name: 'session_funnel',
    table: 'analytics_daily_session_funnel',
    group: 'derived',
    connection: 'writer',
    statement: { template: file('session-funnel'), reads: ['analytics_daily_sessions'] },
    params: DAY,
  },
  {
    name: 'login_funnel',
    table: 'analytics_daily_login_funnel',
    group: 'base',
    connection: 'writer',
    statement: { template: file('login-funnel'), reads: ['analytics_daily_session_funnel'] },
    params: DAY,
  },
  {
    name: 'session_days',
    table: 'analytics_daily_session_days',
    group: 'derived',
    connection: 'writer',
    history: true,
    statement: {
      template: file('session-days'),
      reads: ['analytics_daily_sessions', 'analytics_daily_utm'],
    },
    params: DAY,
  },
  {
    name: 'session_landings',
    table: 'analytics_daily_session_landings',
    group: 'derived',
    connection: 'writer',
    statement: {
      template: file('session-landings'),
      reads: ['analytics_daily_sessions', 'analytics_daily_utm'],
    },
    params: DAY,
  },
  {
    name: 'campaigns',
    table: 'analytics_daily_campaigns',
    group: 'derived',
    connection: 'writer',
    statement: { template: file('campaigns'), reads: ['analytics_daily_utm'] },
    params: DAY,
  },
  {
    name: 'user_activity',
    table: 'analytics_daily_user_activity',
    group: 'base',
    connection: 'writer',
    statement: { template: file('user-activity'), reads: ['analytics_daily_utm'] },
    params: DAY,
  },
  {
    name: 'chain_members',
    table: 'analytics_daily_chain_members',
    group: 'derived',
    connection: 'writer',
    history: true,
    statement: {
      template: file('chain-members'),
      reads: ALL_CHAINS.reads,
      values: { ...ALL_CHAINS.values, chain_candidates: ALL_CHAINS.text },
    },
    params: DAY,
  },
  {
    name: 'chain_counts',
    table: 'analytics_daily_chain_counts',
    group: 'derived',
    connection: 'writer',
    history: true,
    statement: {
      template: file('chain-counts'),
      reads: ['analytics_daily_chain_members'],
      values: { max_range_days: String(MAX_RANGE_DAYS) },
    },
    params: DAY,
  },
  {
    name: 'content_counts',
    table: 'analytics_daily_content_counts',
    group: 'derived',
    connection: 'writer',
    statement: { template: file('content-counts'), reads: ['analytics_daily_content'] },
    params: DAY,
  },
];
