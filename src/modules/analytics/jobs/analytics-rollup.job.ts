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
import { AnalyticsRollupService } from '../rollup/index.js';
import { describeErrorForLog } from '../../../common/errors/database-errors.js';
import { MetricsService } from '../../../infra/metrics/metrics.service.js';
import { RollupMetrics } from './rollup-metrics.js';

export const ANALYTICS_ROLLUP_JOB = 'analytics-rollup';

/**
 * Schedules the daily rollup + retention (`ANALYTICS_ROLLUP_CRON`, only where `JOBS_ENABLED`), and
 * at start makes sure today's partition exists, so events never pile up in the default partition.
 * Where jobs run, a start also catches up at once (days missed while the app was down, or the demo
 * data of a fresh database) instead of waiting for the next night.
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
    if (this.config.jobsEnabled) {
      const catchUp = () => RequestContext.create(this.orm.em, () => this.run());
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

  private timedRun(): Promise<void> {
    return this.metrics.timeJob(ANALYTICS_ROLLUP_JOB, () =>
      RequestContext.create(this.orm.em, () => this.run()),
    );
  }

  private async run(): Promise<void> {
    const outcome = await this.rollups.runDaily();
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
