import { Logger } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import type { MetricsService } from '../metrics/metrics.service.js';

export interface ScheduledJobOptions {
  name: string;
  /** Cron expression (UTC), from configuration so operators can move it. */
  cron: string;
  /** Off on instances that should not run jobs (`JOBS_ENABLED=false`). */
  enabled: boolean;
  run: () => Promise<unknown>;
  /** Each run's time and outcome go to `scheduled_job_runs_total` / `scheduled_job_duration_seconds`. */
  metrics: MetricsService;
}

/**
 * Registers a cron job whose expression comes from configuration (the `@Cron()` decorator only
 * takes constants). A tick never overlaps the previous one, and a failure is logged, not thrown.
 */
export function scheduleJob(registry: SchedulerRegistry, options: ScheduledJobOptions): void {
  if (!options.enabled) return;
  const logger = new Logger(`Job:${options.name}`);
  const job = CronJob.from({
    cronTime: options.cron,
    timeZone: 'UTC',
    waitForCompletion: true,
    start: false,
    onTick: async () => {
      try {
        await options.metrics.timeJob(options.name, options.run);
      } catch (error) {
        logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      }
    },
  });
  registry.addCronJob(options.name, job);
  job.start();
}
