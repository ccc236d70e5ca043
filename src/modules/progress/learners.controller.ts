import { Controller, Get, HttpCode, HttpStatus, Param, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { Roles } from '../../common/auth/roles.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { ContinueDto, MemberPageDto, MyCourseDto } from './dto/progress.dto.js';
import { LearningOverviewService } from './learning-overview.service.js';

/** Learners' overviews: mine, and a course's members for staff. */
@ApiTags('progress')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller()
export class LearnersController {
  constructor(private readonly overview: LearningOverviewService) {}

  @Get('me/courses')
  @ApiOperation({
    operationId: 'listMyCourses',
    summary: 'My courses with completion %, last activity and the class to continue with',
  })
  @ApiOkResponse({ type: [MyCourseDto] })
  myCourses(@CurrentUser() user: AuthUser): Promise<MyCourseDto[]> {
    return this.overview.myCourses(user);
  }

  @Get('me/continue')
  @ApiOperation({
    operationId: 'getContinueWatching',
    summary: 'The most recently watched unfinished class across my courses, with its resume position',
  })
  @ApiOkResponse({ type: ContinueDto })
  @ApiNoContentResponse({ description: 'Nothing to continue' })
  async continueWatching(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ContinueDto | undefined> {
    const next = await this.overview.continueWatching(user);
    if (!next) res.status(HttpStatus.NO_CONTENT);
    return next ?? undefined;
  }

  @Get('courses/:courseId/members')
  @Roles('staff', 'admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'listCourseMembers',
    summary: 'Enrolled learners of a course with their completion % (staff)',
  })
  @ApiOkResponse({ type: MemberPageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  members(@Param('courseId') courseId: string, @Query() page: PageQueryDto): Promise<MemberPageDto> {
    return this.overview.members(courseId, page);
  }
}
