import { Controller, Get, Param } from '@nestjs/common';
import {
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
import { CatalogService, ClassContentDto } from '../courses/index.js';
import { AccessService } from './access.service.js';

/** Class content, behind the enrolment gate. */
@ApiTags('catalog')
@ApiBearerAuth()
@Controller('courses/:courseId/classes')
export class ContentController {
  constructor(
    private readonly access: AccessService,
    private readonly catalog: CatalogService,
  ) {}

  @Get(':classId')
  @ApiOperation({
    operationId: 'getClassContent',
    summary: 'A class with its content (video/text/contest): enrolled learners and staff only',
  })
  @ApiOkResponse({ type: ClassContentDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Not enrolled in the course' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such class in this course' })
  async content(
    @Param('courseId') courseId: string,
    @Param('classId') classId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<ClassContentDto> {
    await this.catalog.course(courseId);
    await this.access.assertCanOpen(user, courseId);
    return this.catalog.content(courseId, classId);
  }
}
