import { Module } from '@nestjs/common';
import { DatabaseBackupJob } from './database-backup.job.js';

/** Scheduled backups of the embedded database (DB_BACKUP_CRON; off by default). */
@Module({ providers: [DatabaseBackupJob] })
export class BackupModule {}
