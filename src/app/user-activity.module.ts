import { Global, Module } from '@nestjs/common';
import { AccessModule, AccessService } from '../modules/access/index.js';
import { LearningOverviewService, ProgressModule } from '../modules/progress/index.js';
import { USER_ACTIVITY, type UserActivity } from '../modules/users/index.js';

/**
 * Binds the users module's USER_ACTIVITY port to the modules that hold the facts. It lives at the
 * app root because access and progress both depend on users: the users module cannot import them.
 */
@Global()
@Module({
  imports: [AccessModule, ProgressModule],
  providers: [
    {
      provide: USER_ACTIVITY,
      useFactory: (access: AccessService, progress: LearningOverviewService): UserActivity => ({
        enrolmentsCount: (userId) => access.countEnrolments(userId),
        lastLearningAt: (userId) => progress.lastActivityAt(userId),
      }),
      inject: [AccessService, LearningOverviewService],
    },
  ],
  exports: [USER_ACTIVITY],
})
export class UserActivityModule {}
