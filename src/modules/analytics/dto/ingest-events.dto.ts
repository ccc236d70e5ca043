import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_TYPES, PLATFORMS, SERVER_ONLY_ACTIONS } from '../analytics.constants.js';

/**
 * Swagger documentation of one client event. Validation is `ingestion/event-validator.ts`
 * (hand-written for speed): keep the two in step. `userId`, `userEmail` and `isLoggedIn` are not
 * fields: they come from the access token.
 */
export class AnalyticsSessionDto {
  @ApiProperty({ description: 'Send as X-Session-Id and as the sessionId of client events' })
  sessionId!: string;

  @ApiProperty({
    description:
      'Send as X-Session-Key when logging in: the session’s anonymous events then become the user’s. ' +
      'Keep it on the client; it is never stored in events.',
  })
  sessionKey!: string;
}

export class AnalyticsEventDto {
  @ApiPropertyOptional({
    description: 'Client-chosen CUID or UUID; a retry with the same id is stored once',
    example: 'ckv9x2m4e0000qz8h1f3a7b2c',
  })
  id?: string;

  @ApiProperty({
    description: `One of ${EVENT_TYPES.join(', ')}, or a custom type matching ^[a-z][a-z0-9_]{0,63}$`,
    example: 'we_page_load',
  })
  eventType!: string;

  @ApiPropertyOptional({
    maxLength: 64,
    example: 'login_button_clicked',
    description:
      'Any action except those the server records itself, which are refused with 400 naming ' +
      `\`events.N.eventAction\`: ${SERVER_ONLY_ACTIONS.join(', ')}. The login funnel's client steps ` +
      '(login_button_clicked, email_entered, otp_entered) are sent by the client.',
  })
  eventAction?: string;

  @ApiPropertyOptional({ maxLength: 128, description: 'Browser session id (from POST /analytics/sessions)' })
  sessionId?: string;

  @ApiPropertyOptional({ maxLength: 256 })
  buttonName?: string;

  @ApiPropertyOptional({
    maxLength: 2048,
    description: 'Page path; utm_* parameters in its query string fill the UTM fields not given',
    example: '/courses?utm_source=newsletter&utm_medium=email',
  })
  page?: string;

  @ApiPropertyOptional({ maxLength: 2048 })
  destination?: string;

  @ApiPropertyOptional({ maxLength: 64 })
  courseId?: string;

  @ApiPropertyOptional({ maxLength: 64 })
  classId?: string;

  @ApiPropertyOptional({ maxLength: 256 })
  utmSource?: string;

  @ApiPropertyOptional({ maxLength: 256 })
  utmMedium?: string;

  @ApiPropertyOptional({ maxLength: 256 })
  utmCampaign?: string;

  @ApiPropertyOptional({ maxLength: 256 })
  utmTerm?: string;

  @ApiPropertyOptional({ maxLength: 256 })
  utmContent?: string;

  @ApiPropertyOptional({ enum: PLATFORMS, description: 'Absent: web' })
  platform?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'JSON object, at most 8 KB',
  })
  customData?: Record<string, unknown>;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When it happened (ISO 8601 with zone), within the last 72 h and at most 5 min ahead; default now',
  })
  timestamp?: string;
}

export class IngestEventsDto {
  @ApiProperty({ type: [AnalyticsEventDto], minItems: 1, maxItems: 500 })
  events!: AnalyticsEventDto[];
}

export class IngestResultDto {
  @ApiProperty({ description: 'Events committed (a retried id counts, but is stored once)', example: 100 })
  accepted!: number;
}
