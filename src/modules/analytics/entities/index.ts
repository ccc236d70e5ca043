import { AnalyticsEventId } from './analytics-event-id.entity.js';
import { AnalyticsEvent } from './analytics-event.entity.js';
import { DailyContent } from './daily-content.entity.js';
import { DailyEventCount } from './daily-event-count.entity.js';
import { DailyLoginFunnel } from './daily-login-funnel.entity.js';
import { DailyPage } from './daily-page.entity.js';
import { DailySession } from './daily-session.entity.js';
import { DailyUserActivity } from './daily-user-activity.entity.js';
import { DailyUserContent } from './daily-user-content.entity.js';
import { DailyUtm } from './daily-utm.entity.js';
import { RollupLedgerEntry } from './rollup-ledger.entity.js';
import { REPORT_AGGREGATE_ENTITIES } from './report-aggregates.js';

export {
  AnalyticsEvent,
  AnalyticsEventId,
  DailyContent,
  DailyEventCount,
  DailyLoginFunnel,
  DailyPage,
  DailySession,
  DailyUserActivity,
  DailyUserContent,
  DailyUtm,
  RollupLedgerEntry,
  REPORT_AGGREGATE_ENTITIES,
};

/** The base daily aggregates, written from raw events by the rollup (rollup/rollup-sql.ts). */
export const DAILY_AGGREGATE_ENTITIES = [
  DailyEventCount,
  DailyPage,
  DailyUtm,
  DailyContent,
  DailyUserContent,
  DailySession,
  DailyLoginFunnel,
  DailyUserActivity,
];

/** The analytics module's tables: raw events, client-id dedup, daily aggregates, rollup ledger. */
export const ANALYTICS_ENTITIES = [
  AnalyticsEvent,
  AnalyticsEventId,
  ...DAILY_AGGREGATE_ENTITIES,
  RollupLedgerEntry,
  ...REPORT_AGGREGATE_ENTITIES,
];
