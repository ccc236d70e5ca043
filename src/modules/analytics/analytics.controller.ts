import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { INVALID_TOKEN_SENT, Public } from '../../common/auth/public.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.js';
import { AnalyticsService } from './analytics.service.js';
import {
  AnalyticsEventDto,
  AnalyticsSessionDto,
  IngestEventsDto,
  IngestResultDto,
} from './dto/ingest-events.dto.js';
import { SessionKeys } from './sessions/session-keys.js';

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics')
export class AnalyticsController {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly sessions: SessionKeys,
  ) {}

  @Public()
  @Post('sessions')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    operationId: 'startAnalyticsSession',
    summary: 'Start an analytics session: a session id and the key that proves this client started it',
    description:
      'Send the id as X-Session-Id (and as sessionId in events), and the key as X-Session-Key when ' +
      'logging in: the session’s anonymous events of the last 72 h are linked to the user only with the ' +
      'right key. Nothing is stored.',
  })
  @ApiCreatedResponse({ type: AnalyticsSessionDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: INVALID_TOKEN_SENT })
  startSession(): AnalyticsSessionDto {
    return this.sessions.issue();
  }

  // The body is typed `unknown` so the global ValidationPipe skips it: the service validates
  // batches of up to 500 events by hand, much faster, with the same error shape.
  @Public({ optionalToken: true })
  @Post('events')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    operationId: 'recordEvents',
    summary: 'Record tracking events (one, or up to 500 as { events })',
    description:
      'Anonymous calls are allowed; with a valid access token the events carry its user. A 201 means ' +
      'every event is committed; a 400 means none is written. Actions the server records itself ' +
      '(logins, OTP requests, enrolments, course views, class/module/video/contest milestones) are ' +
      'refused: see `eventAction`. Unknown fields, `__proto__` and `constructor` included, are refused.',
  })
  @ApiExtraModels(AnalyticsEventDto, IngestEventsDto)
  @ApiBody({
    schema: { oneOf: [{ $ref: getSchemaPath(AnalyticsEventDto) }, { $ref: getSchemaPath(IngestEventsDto) }] },
  })
  @ApiCreatedResponse({ type: IngestResultDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Invalid events, each named by index and field',
  })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: INVALID_TOKEN_SENT })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'Overloaded: retry after Retry-After seconds',
  })
  ingest(@Body() body: unknown, @CurrentUser() user: AuthUser | undefined): Promise<IngestResultDto> {
    return this.analytics.ingest(body, user);
  }
}
