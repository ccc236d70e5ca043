import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import { runExclusive } from '../../../infra/jobs/exclusive-job.js';
import { scheduleJob } from '../../../infra/jobs/scheduled-job.js';
import { MetricsService } from '../../../infra/metrics/metrics.service.js';
import { ReportDeliveryService } from './report-delivery.service.js';

export const REPORT_DELIVERY_JOB = 'report-delivery';

/**
 * Every `REPORT_DELIVERY_CRON` (default: each minute), where jobs run, sends the subscriptions
 * that are due. One instance at a time (advisory lock): a due subscription is sent once, and moved
 * on before the lock is released.
 */
@Injectable()
export class ReportDeliveryJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportDeliveryJob.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly deliveries: ReportDeliveryService,
    @Inject(MikroORM) private readonly orm: MikroORM,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    scheduleJob(this.registry, {
      name: REPORT_DELIVERY_JOB,
      cron: this.config.analytics.reportDeliveryCron,
      enabled: this.config.jobsEnabled,
      run: () => this.run(),
      metrics: this.metrics,
    });
  }

  /** One round: `{ ran: false }` when another instance is sending. */
  async run() {
    const outcome = await runExclusive(this.orm, REPORT_DELIVERY_JOB, () =>
      RequestContext.create(this.orm.em, () => this.deliveries.deliverDue()),
    );
    if (outcome.ran && (outcome.result.sent || outcome.result.failed))
      this.logger.log(`report deliveries: ${outcome.result.sent} sent, ${outcome.result.failed} failed`);
    return outcome;
  }
}
