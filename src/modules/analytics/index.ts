/** What other modules may use: record server-side events (class started, enrolled, …). */
export { AnalyticsModule } from './analytics.module.js';
export { AnalyticsService, type ServerEvent } from './analytics.service.js';
export { AnalyticsRollupService } from './rollup/analytics-rollup.service.js';
export { ContentReports } from './reports/content-reports.js';
export { CourseReports } from './reports/course-reports.js';
export { EngagementReports } from './reports/engagement-reports.js';
export { JourneyReports } from './reports/journey-reports.js';
export { MarketingReports } from './reports/marketing-reports.js';
