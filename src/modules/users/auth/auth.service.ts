import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { TrackingContext } from '../../../common/tracking/tracking-context.js';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import { MailService } from '../../../infra/mail/mail.service.js';
import { RateLimitService } from '../../../infra/rate-limit/rate-limit.service.js';
import { UserDto } from '../dto/user.dto.js';
import type { LoginResponseDto, OtpRequestedDto } from '../dto/auth.dto.js';
import { UserRepository } from '../users.repository.js';
import { invalidCode } from '../users.errors.js';
import { LoginFailedEvent, LoginSucceededEvent, OtpRequestedEvent, USER_EVENTS } from '../users.events.js';
import { OtpService } from './otp.service.js';
import { TokenService, type IssuedTokens } from './token.service.js';

/** Codes one e-mail may request per hour (plus at most one a minute, enforced by OtpService). */
const OTP_PER_EMAIL_PER_HOUR = 5;

/** Passwordless login: e-mail → one-time code → tokens. The first successful login creates the user. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly otp: OtpService,
    private readonly tokens: TokenService,
    private readonly mail: MailService,
    private readonly limits: RateLimitService,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Same answer for every address, known or not: the response never tells whether an account exists. */
  async requestOtp(email: string, tracking: TrackingContext): Promise<OtpRequestedDto> {
    await this.limits.consume({
      key: `otp-email:${email}`,
      limit: OTP_PER_EMAIL_PER_HOUR,
      windowSeconds: 3600,
    });
    const code = await this.otp.issue(email);
    const minutes = Math.round(this.config.auth.otpTtlSeconds / 60);
    await this.mail.send({
      to: email,
      subject: `Your login code: ${code}`,
      text: `Your login code is ${code}.\n\nIt is valid for ${minutes} minutes. If you did not ask for it, ignore this e-mail.\n`,
      logLine: `login code ${code}`,
    });
    await this.events.emitAsync(USER_EVENTS.otpRequested, new OtpRequestedEvent(email, tracking));
    return {
      message: 'If the address can receive mail, a code is on its way.',
      expiresIn: this.config.auth.otpTtlSeconds,
    };
  }

  async verifyOtp(email: string, code: string, tracking: TrackingContext): Promise<LoginResponseDto> {
    const check = await this.otp.check(email, code);
    if (!check.ok) {
      await this.events.emitAsync(
        USER_EVENTS.loginFailed,
        new LoginFailedEvent(email, check.reason, tracking),
      );
      throw invalidCode();
    }
    const { user, created } = await this.users.upsertVerified(email);
    const tokens = await this.tokens.issueForLogin(user); // flushes the email_verified change too
    await this.events.emitAsync(
      USER_EVENTS.loginSucceeded,
      new LoginSucceededEvent(user.id, user.email, created, tracking),
    );
    return { ...tokens, user: UserDto.from(user) };
  }

  refresh(refreshToken: string): Promise<IssuedTokens> {
    return this.tokens.rotate(refreshToken).then(({ tokens }) => tokens);
  }

  logout(refreshToken: string): Promise<void> {
    return this.tokens.revoke(refreshToken);
  }

  logoutEverywhere(userId: string): Promise<void> {
    return this.tokens.revokeAllForUser(userId);
  }
}
