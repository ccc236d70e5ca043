import { Module } from '@nestjs/common';
import { AccessModule } from '../access/index.js';
import { CoursesModule } from '../courses/index.js';
import { LearnersController } from './learners.controller.js';
import { LearningOverviewService } from './learning-overview.service.js';
import { LearningStatsService } from './learning-stats.service.js';
import { ProgressController } from './progress.controller.js';
import { ProgressService } from './progress.service.js';

/** Watched time, resume points, completion, and the overviews built on them. */
@Module({
  imports: [CoursesModule, AccessModule],
  controllers: [ProgressController, LearnersController],
  providers: [ProgressService, LearningOverviewService, LearningStatsService],
  exports: [LearningOverviewService, LearningStatsService],
})
export class ProgressModule {}
