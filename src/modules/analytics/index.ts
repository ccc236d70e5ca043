/** What other modules may use: record server-side events (class started, enrolled, …). */
export { AnalyticsModule } from './analytics.module.js';
export { AnalyticsService, type ServerEvent } from './analytics.service.js';
export { ingestRouteErrors, installIngestRoute } from './ingestion/ingest-route.js';
export { AnalyticsRollupService, type Exclusive } from './rollup/analytics-rollup.service.js';
export { isUtcDay } from './rollup/utc-day.js';
export {
  EVENT_ACTIONS,
  EVENT_TYPES,
  FUNNEL_ACTIONS,
  PLATFORMS,
  type EventAction,
  type EventType,
  type Platform,
} from './analytics.constants.js';
export { ContentReports } from './reports/content-reports.js';
export { CourseReports } from './reports/course-reports.js';
export { EngagementReports } from './reports/engagement-reports.js';
export { JourneyReports } from './reports/journey-reports.js';
export { MarketingReports } from './reports/marketing-reports.js';
export { ReportDeliveryService, type SubscriptionSettings } from './delivery/report-delivery.service.js';
export { ReportDeliveryJob } from './delivery/report-delivery.job.js';
export { ReportSubscription } from './delivery/report-subscription.entity.js';
export { ReportDelivery } from './delivery/report-delivery.entity.js';
export { ANALYTICS_TABLE_COMMENTS } from './analytics.table-comments.js';
