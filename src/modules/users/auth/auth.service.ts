import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { RateLimitedError } from '../../../common/errors/rate-limited.error.js';
import type { TrackingContext } from '../../../common/tracking/tracking-context.js';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import { MailService } from '../../../infra/mail/mail.service.js';
import { clientKey } from '../../../infra/rate-limit/client-key.js';
import { RateLimitService, type RateLimitRule } from '../../../infra/rate-limit/rate-limit.service.js';
import { UserDto } from '../dto/user.dto.js';
import type { LoginResponseDto, OtpRequestedDto } from '../dto/auth.dto.js';
import { UserRepository } from '../users.repository.js';
import { invalidCode } from '../users.errors.js';
import { LoginFailedEvent, LoginSucceededEvent, OtpRequestedEvent, USER_EVENTS } from '../users.events.js';
import { OTP_GLOBAL_FAILURES, otpClientFailures, otpFailureLimits, otpRequestLimits } from './otp-limits.js';
import { OtpService } from './otp.service.js';
import { TokenService, type IssuedTokens } from './token.service.js';

/** How long a client that failed is told to wait while the platform's failure budget is spent. */
const BUDGET_RETRY_SECONDS = 600;

/** Passwordless login: e-mail → one-time code → tokens. The first successful login creates the user. */
@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly users: UserRepository,
    private readonly otp: OtpService,
    private readonly tokens: TokenService,
    private readonly mail: MailService,
    private readonly limits: RateLimitService,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Same answer for every address, known or not: the response never tells whether an account
   * exists. The limits (`otp-limits.ts`) and the one-a-minute rule are checked in one
   * transaction, so a refused request spends nothing of the hourly allowance.
   */
  async requestOtp(email: string, tracking: TrackingContext, ip?: string): Promise<OtpRequestedDto> {
    const client = clientKey(ip);
    const code = await this.em.transactional(async () => {
      for (const rule of otpRequestLimits(client, email)) await this.limits.consume(rule);
      return this.otp.issue(email); // one a minute: a refusal here rolls the counts back
    });
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

  async verifyOtp(
    email: string,
    code: string,
    tracking: TrackingContext,
    ip?: string,
  ): Promise<LoginResponseDto> {
    const client = clientKey(ip);
    await this.checkFailureBudget(client);
    const tries = await this.countTry(otpFailureLimits(client, email));
    const check = await this.otp.check(email, code);
    if (!check.ok) {
      await this.limits.record(OTP_GLOBAL_FAILURES);
      await this.limits.record(otpClientFailures(client));
      await this.events.emitAsync(
        USER_EVENTS.loginFailed,
        new LoginFailedEvent(email, check.reason, tracking),
      );
      throw invalidCode();
    }
    for (const rule of tries) await this.limits.refund(rule); // only wrong codes count
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

  /** Counts a try against every rule, or none of them (429) when one is used up. */
  private async countTry(rules: RateLimitRule[]): Promise<RateLimitRule[]> {
    const counted: RateLimitRule[] = [];
    try {
      for (const rule of rules) {
        await this.limits.consume(rule);
        counted.push(rule);
      }
    } catch (error) {
      for (const rule of counted) await this.limits.refund(rule);
      throw error;
    }
    return counted;
  }

  /** Past the platform's hourly budget of wrong codes, a client that failed recently must wait. */
  private async checkFailureBudget(client: string): Promise<void> {
    const budget = this.config.auth.otpFailureBudgetPerHour;
    if (budget <= 0 || (await this.limits.estimate(OTP_GLOBAL_FAILURES)) < budget) return;
    if ((await this.limits.estimate(otpClientFailures(client))) > 0)
      throw new RateLimitedError(BUDGET_RETRY_SECONDS, 'Too many failed logins right now: try again later');
  }
}
