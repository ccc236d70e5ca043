import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.js';
import {
  ApiTrackingHeaders,
  Tracking,
  type TrackingContext,
} from '../../common/tracking/tracking-context.js';
import { CourseProgressDto, HeartbeatDto, HeartbeatResultDto, ProgressQueryDto } from './dto/progress.dto.js';
import { LearningOverviewService } from './learning-overview.service.js';
import { ProgressService } from './progress.service.js';

@ApiTags('progress')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@ApiBadRequestResponse({ type: ErrorResponseDto })
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Not enrolled in the course' })
@ApiNotFoundResponse({ type: ErrorResponseDto })
@Controller('progress')
export class ProgressController {
  constructor(
    private readonly progress: ProgressService,
    private readonly overview: LearningOverviewService,
  ) {}

  @Put('classes/:classId')
  @ApiTrackingHeaders()
  @ApiOperation({
    operationId: 'sendHeartbeat',
    summary: 'Player heartbeat: add watched seconds, save the resume position, complete the class',
    description:
      'watchedSeconds is the time watched since the previous heartbeat; one heartbeat adds at most the wall-clock ' +
      'time since the previous one plus PROGRESS_HEARTBEAT_SLACK_SECONDS, and the total stays below ' +
      'PROGRESS_MAX_WATCH_MULTIPLE × duration. A video completes at PROGRESS_COMPLETION_THRESHOLD of its duration; ' +
      'text and contest classes with completed: true. Completion is never undone.',
  })
  @ApiOkResponse({ type: HeartbeatResultDto })
  heartbeat(
    @CurrentUser() user: AuthUser,
    @Param('classId') classId: string,
    @Body() body: HeartbeatDto,
    @Tracking() tracking: TrackingContext,
  ): Promise<HeartbeatResultDto> {
    return this.progress.heartbeat(user, classId, body, tracking);
  }

  @Get('courses/:courseId')
  @ApiOperation({
    operationId: 'getCourseProgress',
    summary: 'My progress in a course, per module, topic and class (staff: any user with ?userId=)',
  })
  @ApiOkResponse({ type: CourseProgressDto })
  course(
    @CurrentUser() user: AuthUser,
    @Param('courseId') courseId: string,
    @Query() query: ProgressQueryDto,
  ): Promise<CourseProgressDto> {
    return this.overview.courseProgress(user, courseId, query.userId);
  }
}
