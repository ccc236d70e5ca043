/** What other modules may use: record server-side events (class started, enrolled, …). */
export { AnalyticsModule } from './analytics.module.js';
export { AnalyticsService, type ServerEvent } from './analytics.service.js';
export { AnalyticsRollupService } from './rollup/analytics-rollup.service.js';
