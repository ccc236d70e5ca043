import { RequestContext } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import { scheduleJob } from '../../../infra/jobs/scheduled-job.js';
import { AnalyticsRollupService, type DailyRunReport, type Exclusive } from '../rollup/index.js';
import { describeErrorForLog } from '../../../common/errors/database-errors.js';
import { MetricsService } from '../../../infra/metrics/metrics.service.js';
import { RollupMetrics } from './rollup-metrics.js';

export const ANALYTICS_ROLLUP_JOB = 'analytics-rollup';
export const ANALYTICS_INTRADAY_JOB = 'analytics-intraday';

/** Every `minutes` minutes, half a minute past (off the minute, where the other jobs tick). */
export const intradayCron = (minutes: number): string =>
  minutes >= 60 ? '30 0 * * * *' : `30 */${minutes} * * * *`;

/**
 * Schedules the daily rollup + retention (`ANALYTICS_ROLLUP_CRON`, only where `JOBS_ENABLED`), and
 * at start makes sure today's partition exists, so events never pile up in the default partition.
 * Where jobs run, a start also catches up at once (days missed while the app was down, or the demo
 * data of a fresh database) instead of waiting for the next night. Every
 * `ANALYTICS_INTRADAY_MINUTES` it also refreshes today so far (a provisional day).
 */
@Injectable()
export class AnalyticsRollupJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AnalyticsRollupJob.name);
  private catchUp?: Promise<void>;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly rollups: AnalyticsRollupService,
    @Inject(MikroORM) private readonly orm: MikroORM,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly rollupMetrics: RollupMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rollups.ensurePartitions().catch((error: unknown) => {
      // Not fatal: events still land in the default partition, and the job moves them later.
      this.logger.error(`could not create analytics partitions: ${describeErrorForLog(error)}`);
    });
    scheduleJob(this.registry, {
      name: ANALYTICS_ROLLUP_JOB,
      cron: this.config.analytics.rollupCron,
      enabled: this.config.jobsEnabled,
      run: () => RequestContext.create(this.orm.em, () => this.run()),
      metrics: this.metrics,
    });
    const { intradayMinutes } = this.config.analytics;
    scheduleJob(this.registry, {
      name: ANALYTICS_INTRADAY_JOB,
      cron: intradayCron(intradayMinutes),
      enabled: this.config.jobsEnabled && intradayMinutes > 0,
      run: () => this.refreshToday(),
      metrics: this.metrics,
    });
    if (this.config.jobsEnabled) {
      const catchUp = () => RequestContext.create(this.orm.em, () => this.catchUpNow());
      this.catchUp = this.metrics
        .timeJob(ANALYTICS_ROLLUP_JOB, catchUp)
        .catch((error: unknown) =>
          this.logger.error(`catch-up rollup failed: ${describeErrorForLog(error)}`),
        );
    }
  }

  /** A shutdown lets a running catch-up finish its day (each day is one transaction anyway). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.catchUp;
  }

  private async refreshToday(): Promise<void> {
    const outcome = await this.rollups.refreshToday();
    if (!outcome.ran) {
      // The nightly run, an operator's rollup or another instance's refresh: the next round catches up.
      this.logger.log('analytics refresh of today skipped: the analytics lock is taken');
      return;
    }
    const { finalised, refreshed } = outcome.result;
    for (const day of finalised) this.logger.log(`analytics rollup of ${day.day} (finalised): ${day.ms} ms`);
    if (refreshed)
      this.logger.log(
        `analytics refresh of ${refreshed.day} up to ${refreshed.coversUntil.toISOString()}: ` +
          `${refreshed.sourceEvents} events in ${refreshed.ms} ms`,
      );
  }

  /** The nightly run: waits for a refresh or an operator's rollup that holds the lock. */
  private async run(): Promise<void> {
    this.report(await this.rollups.runNightly());
  }

  private async catchUpNow(): Promise<void> {
    this.report(await this.rollups.runDaily());
  }

  private report(outcome: Exclusive<DailyRunReport>): void {
    if (!outcome.ran) {
      this.logger.log('another instance is running the analytics rollup');
      return;
    }
    this.rollupMetrics.recordRun(outcome.result);
    const { rolledUp, failed, pruned } = outcome.result;
    // Where a night's time went, per day: the slowest aggregates of each.
    for (const day of rolledUp) {
      const slowest = Object.entries(day.msByRollup)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([name, ms]) => `${name} ${ms} ms`);
      this.logger.log(
        `analytics rollup of ${day.day}: ${day.sourceEvents} events in ${day.ms} ms (slowest: ${slowest.join(', ')})`,
      );
    }
    this.logger.log(
      `analytics rollup: ${rolledUp.length} day(s) rolled up, ${failed.length} failed, ` +
        `${pruned.dropped.length} day(s) of raw events dropped`,
    );
  }
}
