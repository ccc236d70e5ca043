import { Module } from '@nestjs/common';
import { CoursesModule } from '../courses/index.js';
import { UserLookupModule } from '../users/index.js';
import { AccessController } from './access.controller.js';
import { AccessService } from './access.service.js';
import { ContentController } from './content.controller.js';

/** Enrolment, and the gate in front of course content. */
@Module({
  imports: [CoursesModule, UserLookupModule],
  controllers: [AccessController, ContentController],
  providers: [AccessService],
  exports: [AccessService],
})
export class AccessModule {}
