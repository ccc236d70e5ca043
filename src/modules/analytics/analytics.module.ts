import { Module } from '@nestjs/common';
import { AccessModule } from '../access/index.js';
import { CoursesModule } from '../courses/index.js';
import { ProgressModule } from '../progress/index.js';
import { UserLookupModule } from '../users/index.js';
import { AnalyticsController } from './analytics.controller.js';
import { AnalyticsService } from './analytics.service.js';
import { ReportCatalog } from './delivery/report-catalog.js';
import { ReportDeliveryJob } from './delivery/report-delivery.job.js';
import { ReportDeliveryService } from './delivery/report-delivery.service.js';
import { EventWriter } from './ingestion/index.js';
import { AnalyticsRollupJob } from './jobs/analytics-rollup.job.js';
import { RollupMetrics } from './jobs/rollup-metrics.js';
import { AuthEventsListener } from './listeners/auth-events.listener.js';
import { LearningEventsListener } from './listeners/learning-events.listener.js';
import { REPORT_CONTROLLERS, REPORT_PROVIDERS } from './reports/index.js';
import { AnalyticsRollupService } from './rollup/index.js';
import { SessionKeys } from './sessions/session-keys.js';

@Module({
  imports: [UserLookupModule, CoursesModule, AccessModule, ProgressModule],
  controllers: [AnalyticsController, ...REPORT_CONTROLLERS],
  providers: [
    AnalyticsService,
    EventWriter,
    AnalyticsRollupService,
    AnalyticsRollupJob,
    RollupMetrics,
    AuthEventsListener,
    LearningEventsListener,
    SessionKeys,
    ...REPORT_PROVIDERS,
    ReportCatalog,
    ReportDeliveryService,
    ReportDeliveryJob,
  ],
  exports: [AnalyticsService, AnalyticsRollupService, ReportDeliveryService, ...REPORT_PROVIDERS],
})
export class AnalyticsModule {}
