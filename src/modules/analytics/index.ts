/** What other modules may use: record server-side events (class started, enrolled, …). */
export { AnalyticsModule } from './analytics.module.js';
export { AnalyticsService, type ServerEvent } from './analytics.service.js';
export { ingestRouteErrors, installIngestRoute } from './ingestion/index.js';
export { AnalyticsRollupService, isUtcDay, type Exclusive } from './rollup/index.js';
export {
  EVENT_ACTIONS,
  EVENT_TYPES,
  FUNNEL_ACTIONS,
  PLATFORMS,
  type EventAction,
  type EventType,
  type Platform,
} from './analytics.constants.js';
export {
  ContentReports,
  CourseReports,
  EngagementReports,
  JourneyReports,
  MarketingReports,
} from './reports/index.js';
export { ReportDeliveryService, type SubscriptionSettings } from './delivery/report-delivery.service.js';
export { ReportDeliveryJob } from './delivery/report-delivery.job.js';
export { ReportSubscription } from './delivery/report-subscription.entity.js';
export { ReportDelivery } from './delivery/report-delivery.entity.js';
export { ANALYTICS_TABLE_COMMENTS } from './analytics.table-comments.js';
