import { MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { runsScheduledBackups } from '../database/pools.js';
import { runExclusive } from '../jobs/exclusive-job.js';
import { scheduleJob } from '../jobs/scheduled-job.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { pruneBackups } from './backup-retention.js';
import { backupEmbeddedDatabase, type EmbeddedBackup } from './embedded-backup.js';

/** DB_BACKUP_CRON: an online backup of the embedded database, keeping the newest DB_BACKUP_KEEP. */
@Injectable()
export class DatabaseBackupJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(DatabaseBackupJob.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    scheduleJob(this.registry, {
      name: 'database-backup',
      cron: this.config.backup.cron ?? '',
      enabled: runsScheduledBackups(this.config),
      run: () => this.run(),
      metrics: this.metrics,
    });
  }

  /** One instance at a time; undefined when another instance holds the lock. */
  async run(): Promise<(EmbeddedBackup & { pruned: string[] }) | undefined> {
    const outcome = await runExclusive(this.orm, 'database-backup', async () => {
      const backup = await backupEmbeddedDatabase(this.config);
      return { ...backup, pruned: await pruneBackups(this.config.backup.dir, this.config.backup.keep) };
    });
    if (!outcome.ran) return undefined;
    const { file, bytes, ms, pruned } = outcome.result;
    this.logger.log(`Backed up to ${file} (${bytes} bytes, ${ms} ms); deleted ${pruned.length} older`);
    return outcome.result;
  }
}
