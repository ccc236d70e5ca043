import { ContentReportsController } from './content-reports.controller.js';
import { ContentReports } from './content-reports.js';
import { CourseReportsController } from './course-reports.controller.js';
import { CourseReports } from './course-reports.js';
import { CsvReportInterceptor } from './csv/csv-report.interceptor.js';
import { EngagementReportsController } from './engagement-reports.controller.js';
import { EngagementReports } from './engagement-reports.js';
import { JourneyReportsController } from './journey-reports.controller.js';
import { JourneyReports } from './journey-reports.js';
import { MarketingReportsController } from './marketing-reports.controller.js';
import { MarketingReports } from './marketing-reports.js';
import { ReportRunner } from './report-runner.js';
import { ReportsDb } from './reports-db.js';

/** The reports (`/analytics/reports/…`): one controller and one service per dashboard of the spec. */
export const REPORT_CONTROLLERS = [
  EngagementReportsController,
  CourseReportsController,
  MarketingReportsController,
  ContentReportsController,
  JourneyReportsController,
];

export const REPORT_PROVIDERS = [
  ReportsDb,
  ReportRunner,
  CsvReportInterceptor,
  EngagementReports,
  CourseReports,
  MarketingReports,
  ContentReports,
  JourneyReports,
];
