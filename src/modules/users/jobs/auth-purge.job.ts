import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import { runExclusive } from '../../../infra/jobs/exclusive-job.js';
import { scheduleJob } from '../../../infra/jobs/scheduled-job.js';
import { MetricsService } from '../../../infra/metrics/metrics.service.js';
import { RateLimitService } from '../../../infra/rate-limit/rate-limit.service.js';
import { OtpService } from '../auth/otp.service.js';
import { TokenService } from '../auth/token.service.js';

/** Keeps the OTP, refresh-token and rate-limit tables from growing without bound. */
@Injectable()
export class AuthPurgeJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthPurgeJob.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly registry: SchedulerRegistry,
    private readonly otp: OtpService,
    private readonly tokens: TokenService,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    scheduleJob(this.registry, {
      name: 'auth-purge',
      cron: this.config.auth.purgeCron,
      enabled: this.config.jobsEnabled,
      run: () => this.run(),
      metrics: this.metrics,
    });
  }

  /** One instance at a time; returns what was deleted (undefined when another instance ran it). */
  async run(): Promise<{ otpCodes: number; refreshTokens: number; rateLimitCounters: number } | undefined> {
    const outcome = await runExclusive(this.orm, 'auth-purge', () =>
      RequestContext.create(this.orm.em, async () => ({
        otpCodes: await this.otp.purgeExpired(),
        refreshTokens: await this.tokens.purgeExpired(),
        rateLimitCounters: await this.limits.purgeExpired(),
      })),
    );
    if (!outcome.ran) return undefined;
    this.logger.log(`Purged ${JSON.stringify(outcome.result)}`);
    return outcome.result;
  }
}
