import { Body, Controller, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { CurrentUser } from '../../../common/auth/current-user.decorator.js';
import { Public } from '../../../common/auth/public.decorator.js';
import { ErrorResponseDto } from '../../../common/errors/error-response.js';
import {
  ApiTrackingHeaders,
  Tracking,
  type TrackingContext,
} from '../../../common/tracking/tracking-context.js';
import { RateLimit } from '../../../infra/rate-limit/rate-limit.decorator.js';
import {
  AuthTokensDto,
  LoginResponseDto,
  OtpRequestedDto,
  RefreshTokenDto,
  RequestOtpDto,
  VerifyOtpDto,
} from '../dto/auth.dto.js';
import { AuthService } from './auth.service.js';

// Each endpoint is limited per client IP (AUTH_RATE_LIMIT_PER_MINUTE); per-e-mail limits are in the service.
@ApiTags('auth')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Malformed body; `details` names the field' })
@ApiTooManyRequestsResponse({
  type: ErrorResponseDto,
  description: 'Rate limited; see the Retry-After header',
})
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @RateLimit({ name: 'auth-otp-request' })
  @Post('otp/request')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiTrackingHeaders()
  @ApiOperation({
    operationId: 'requestOtp',
    summary: 'E-mail a one-time login code',
    description:
      'Answers the same for every address (no account enumeration). One code a minute per address, five an ' +
      'hour per client and address, twenty an hour per address (sliding windows; refused requests do not ' +
      'count); a new code replaces the previous one. The code is valid 10 minutes.',
  })
  @ApiAcceptedResponse({ type: OtpRequestedDto })
  requestOtp(
    @Body() body: RequestOtpDto,
    @Tracking() tracking: TrackingContext,
    @Ip() ip: string,
  ): Promise<OtpRequestedDto> {
    return this.auth.requestOtp(body.email, tracking, ip);
  }

  @Public()
  @RateLimit({ name: 'auth-otp-verify' })
  @Post('otp/verify')
  @HttpCode(HttpStatus.OK)
  @ApiTrackingHeaders()
  @ApiOperation({
    operationId: 'verifyOtp',
    summary: 'Log in with the code',
    description:
      'The first successful login creates the account. A code dies after 5 wrong tries; wrong codes per day ' +
      'are limited per client and address (10) and per address (100), and past a platform-wide hourly budget ' +
      'a client with a recent wrong code must wait (429).',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({
    type: ErrorResponseDto,
    description: 'Wrong, expired or used code (one generic answer)',
  })
  verifyOtp(
    @Body() body: VerifyOtpDto,
    @Tracking() tracking: TrackingContext,
    @Ip() ip: string,
  ): Promise<LoginResponseDto> {
    return this.auth.verifyOtp(body.email, body.code, tracking, ip);
  }

  @Public()
  @RateLimit({ name: 'auth-refresh' })
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'refreshTokens',
    summary: 'Exchange a refresh token for a new token pair',
    description: 'Refresh tokens are single use. Presenting one twice revokes its whole login session.',
  })
  @ApiOkResponse({ type: AuthTokensDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  refresh(@Body() body: RefreshTokenDto): Promise<AuthTokensDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @RateLimit({ name: 'auth-logout' })
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'endSession', summary: 'End this login session (revokes its refresh tokens)' })
  @ApiNoContentResponse()
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  logout(@Body() body: RefreshTokenDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Post('logout-all')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'endAllSessions', summary: 'End every login session of the current user' })
  @ApiNoContentResponse()
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  logoutAll(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logoutEverywhere(user.id);
  }
}
