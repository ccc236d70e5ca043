import { Controller, Get, Param, Query } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { Public } from '../../common/auth/public.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.js';
import {
  ApiTrackingHeaders,
  Tracking,
  type TrackingContext,
} from '../../common/tracking/tracking-context.js';
import { CatalogService } from './catalog.service.js';
import { COURSE_EVENTS, CourseViewedEvent } from './courses.events.js';
import { CourseOutlineDto, CoursePageDto } from './dto/course.dto.js';
import { ListCoursesQueryDto } from './dto/course-requests.dto.js';

@ApiTags('catalog')
@Controller('courses')
export class CatalogController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly events: EventEmitter2,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    operationId: 'listCourses',
    summary: 'The course catalog: filter by level and type, search, sort by newest or title',
  })
  @ApiOkResponse({ type: CoursePageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  list(@Query() query: ListCoursesQueryDto): Promise<CoursePageDto> {
    return this.catalog.list(query);
  }

  @Public({ optionalToken: true })
  @Get(':courseId')
  @ApiTrackingHeaders()
  @ApiOperation({
    operationId: 'getCourseOutline',
    summary: 'A course with its ordered outline (modules → topics → classes, then topics without a module)',
    description: 'Class content is not included: see GET /courses/{courseId}/classes/{classId}.',
  })
  @ApiOkResponse({ type: CourseOutlineDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async outline(
    @Param('courseId') courseId: string,
    @CurrentUser() user: AuthUser | undefined,
    @Tracking() tracking: TrackingContext,
  ): Promise<CourseOutlineDto> {
    const outline = await this.catalog.outline(courseId);
    await this.events.emitAsync(COURSE_EVENTS.viewed, new CourseViewedEvent(courseId, user, tracking));
    return outline;
  }
}
