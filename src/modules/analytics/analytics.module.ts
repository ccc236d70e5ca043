import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller.js';
import { AnalyticsService } from './analytics.service.js';
import { EventWriter } from './ingestion/event-writer.js';
import { AnalyticsRollupJob } from './jobs/analytics-rollup.job.js';
import { AuthEventsListener } from './listeners/auth-events.listener.js';
import { LearningEventsListener } from './listeners/learning-events.listener.js';
import { AnalyticsRollupService } from './rollup/analytics-rollup.service.js';

@Module({
  controllers: [AnalyticsController],
  providers: [AnalyticsService, EventWriter, AnalyticsRollupService, AnalyticsRollupJob, AuthEventsListener, LearningEventsListener],
  exports: [AnalyticsService, AnalyticsRollupService],
})
export class AnalyticsModule {}
