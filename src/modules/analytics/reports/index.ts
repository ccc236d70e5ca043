/**
 * The reports subsystem: the dashboards' reports (`/analytics/reports/…`), answered from the stored
 * aggregates and, for days not rolled up, from raw events. What the rest of the code may use;
 * everything else in this folder is its own (eslint-rules/module-boundaries.js).
 */
export { ContentReports } from './content-reports.js';
export { CourseReports } from './course-reports.js';
export { CSV_REPORT, type CsvReportSpec } from './csv/csv-report.interceptor.js';
export { toCsv } from './csv/csv.js';
export { EngagementReports } from './engagement-reports.js';
export { JourneyReports } from './journey-reports.js';
export { MarketingReports } from './marketing-reports.js';
export { REPORT_CONTROLLERS, REPORT_PROVIDERS } from './reports.providers.js';
