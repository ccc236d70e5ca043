import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125143939_initial } from './Migration20261125143939_initial.js';
import { Migration20261125145317_identity } from './Migration20261125145317_identity.js';
import { Migration20261125145716_analytics_partitioning } from './Migration20261125145716_analytics_partitioning.js';
import { Migration20261125160000_learning_rules } from './Migration20261125160000_learning_rules.js';
import { Migration20261125170000_admin_sessions } from './Migration20261125170000_admin_sessions.js';
import { Migration20261126090000_analytics_funnel_step } from './Migration20261126090000_analytics_funnel_step.js';
import { Migration20261202100000_analytics_report_aggregates } from './Migration20261202100000_analytics_report_aggregates.js';
import { Migration20261202110000_reporting_indexes } from './Migration20261202110000_reporting_indexes.js';
import { Migration20261202120000_course_progress_summary } from './Migration20261202120000_course_progress_summary.js';
import { Migration20261203090000_lean_rollup_keys } from './Migration20261203090000_lean_rollup_keys.js';
import { Migration20261204100000_history_lookup_indexes } from './Migration20261204100000_history_lookup_indexes.js';
import { Migration20261205100000_audit_events } from './Migration20261205100000_audit_events.js';
import { Migration20261206090000_session_change_notifications } from './Migration20261206090000_session_change_notifications.js';
import { Migration20261206100000_api_keys } from './Migration20261206100000_api_keys.js';
import { Migration20261206110000_report_subscriptions } from './Migration20261206110000_report_subscriptions.js';
import { Migration20261204090000_lean_rollup_reads } from './Migration20261204090000_lean_rollup_reads.js';
import { Migration20261203100000_journey_report_aggregates } from './Migration20261203100000_journey_report_aggregates.js';
import { Migration20261207090000_rollup_versions } from './Migration20261207090000_rollup_versions.js';
import { Migration20261207100000_rate_limit_last_hit } from './Migration20261207100000_rate_limit_last_hit.js';
import { Migration20261207110000_catalog_order_unique } from './Migration20261207110000_catalog_order_unique.js';
import { Migration20261207120000_reporting_views_and_comments } from './Migration20261207120000_reporting_views_and_comments.js';
import { Migration20261207130000_catalog_version } from './Migration20261207130000_catalog_version.js';
import { Migration20261207140000_course_enrolment_days } from './Migration20261207140000_course_enrolment_days.js';
import { Migration20261207153000_class_watch_days } from './Migration20261207153000_class_watch_days.js';
import { Migration20261207170000_provisional_days } from './Migration20261207170000_provisional_days.js';

/**
 * Every migration, in order, as class references (no globs, so `src` under Jest and `dist` under
 * node see the same list). `npm run migration:create` appends new ones here.
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261125143939_initial', class: Migration20261125143939_initial },
  { name: 'Migration20261125145317_identity', class: Migration20261125145317_identity },
  {
    name: 'Migration20261125145716_analytics_partitioning',
    class: Migration20261125145716_analytics_partitioning,
  },
  { name: 'Migration20261125160000_learning_rules', class: Migration20261125160000_learning_rules },
  { name: 'Migration20261125170000_admin_sessions', class: Migration20261125170000_admin_sessions },
  {
    name: 'Migration20261126090000_analytics_funnel_step',
    class: Migration20261126090000_analytics_funnel_step,
  },
  {
    name: 'Migration20261202100000_analytics_report_aggregates',
    class: Migration20261202100000_analytics_report_aggregates,
  },
  { name: 'Migration20261202110000_reporting_indexes', class: Migration20261202110000_reporting_indexes },
  {
    name: 'Migration20261202120000_course_progress_summary',
    class: Migration20261202120000_course_progress_summary,
  },
  { name: 'Migration20261203090000_lean_rollup_keys', class: Migration20261203090000_lean_rollup_keys },
  {
    name: 'Migration20261203100000_journey_report_aggregates',
    class: Migration20261203100000_journey_report_aggregates,
  },
  { name: 'Migration20261204090000_lean_rollup_reads', class: Migration20261204090000_lean_rollup_reads },
  {
    name: 'Migration20261204100000_history_lookup_indexes',
    class: Migration20261204100000_history_lookup_indexes,
  },
  { name: 'Migration20261205100000_audit_events', class: Migration20261205100000_audit_events },
  {
    name: 'Migration20261206090000_session_change_notifications',
    class: Migration20261206090000_session_change_notifications,
  },
  { name: 'Migration20261206100000_api_keys', class: Migration20261206100000_api_keys },
  {
    name: 'Migration20261206110000_report_subscriptions',
    class: Migration20261206110000_report_subscriptions,
  },
  { name: 'Migration20261207090000_rollup_versions', class: Migration20261207090000_rollup_versions },
  { name: 'Migration20261207100000_rate_limit_last_hit', class: Migration20261207100000_rate_limit_last_hit },
  {
    name: 'Migration20261207110000_catalog_order_unique',
    class: Migration20261207110000_catalog_order_unique,
  },
  {
    name: 'Migration20261207120000_reporting_views_and_comments',
    class: Migration20261207120000_reporting_views_and_comments,
  },
  { name: 'Migration20261207130000_catalog_version', class: Migration20261207130000_catalog_version },
  {
    name: 'Migration20261207140000_course_enrolment_days',
    class: Migration20261207140000_course_enrolment_days,
  },
  { name: 'Migration20261207153000_class_watch_days', class: Migration20261207153000_class_watch_days },
  { name: 'Migration20261207170000_provisional_days', class: Migration20261207170000_provisional_days },
];
