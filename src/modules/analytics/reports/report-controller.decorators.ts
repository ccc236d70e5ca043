import { applyDecorators, Controller } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AllowApiKey } from '../../../common/auth/api-key.js';
import { Roles } from '../../../common/auth/roles.decorator.js';
import { ErrorResponseDto } from '../../../common/errors/error-response.js';

/**
 * A controller of `/analytics/reports/<area>`: staff and admins, and API keys with `reports:read`
 * (reporting jobs); documented errors.
 */
export const ReportsController = (area: string) =>
  applyDecorators(
    ApiTags('analytics reports'),
    ApiBearerAuth(),
    Roles('staff', 'admin'),
    AllowApiKey('reports:read'),
    ApiUnauthorizedResponse({ type: ErrorResponseDto }),
    ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A bad parameter; `details` names it' }),
    ApiTooManyRequestsResponse({
      type: ErrorResponseDto,
      description: 'An API key over its rate limit; see the Retry-After header',
    }),
    Controller(`analytics/reports/${area}`),
  );

/** Said in every report's description. */
export const REPORT_NOTES =
  ' Days are UTC; closed days come from the daily aggregates, days not rolled up yet (today) from raw events, ' +
  'with the same answer (`source.rawDays` lists them). Send `Accept: text/csv` for the rows as CSV.';
