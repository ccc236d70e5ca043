import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
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
import { Tracking, type TrackingContext } from '../../common/tracking/tracking-context.js';
import { AccessService } from './access.service.js';
import { BulkGrantAccessDto, BulkGrantResultDto, GrantAccessDto, GrantResultDto } from './dto/access.dto.js';

@ApiTags('access')
@ApiBearerAuth()
@Roles('staff', 'admin')
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@ApiBadRequestResponse({ type: ErrorResponseDto })
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such course or user' })
@Controller('courses/:courseId/access')
export class AccessController {
  constructor(private readonly access: AccessService) {}

  @Post()
  @ApiOperation({
    operationId: 'enrolUser',
    summary: 'Enrol a user (idempotent: 201 when enrolled now, 200 when already enrolled)',
  })
  @ApiCreatedResponse({ type: GrantResultDto })
  @ApiOkResponse({ type: GrantResultDto })
  async grant(
    @Param('courseId') courseId: string,
    @Body() body: GrantAccessDto,
    @CurrentUser() actor: AuthUser,
    @Tracking() tracking: TrackingContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GrantResultDto> {
    const result = await this.access.grant(courseId, body.userId, actor, tracking);
    res.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }

  @Post('bulk')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'enrolUsers',
    summary: 'Enrol many users by id and/or e-mail; unknown ones are listed in the answer',
  })
  @ApiOkResponse({ type: BulkGrantResultDto })
  grantMany(
    @Param('courseId') courseId: string,
    @Body() body: BulkGrantAccessDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<BulkGrantResultDto> {
    return this.access.grantMany(courseId, body, actor);
  }

  @Delete(':userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    operationId: 'revokeEnrolment',
    summary: 'Revoke an enrolment (idempotent). The learner’s progress is kept.',
  })
  @ApiNoContentResponse()
  revoke(
    @Param('courseId') courseId: string,
    @Param('userId') userId: string,
    @CurrentUser() actor: AuthUser,
  ): Promise<void> {
    return this.access.revoke(courseId, userId, actor);
  }
}
