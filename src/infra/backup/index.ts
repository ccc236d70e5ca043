export { BackupModule } from './backup.module.js';
export { DatabaseBackupJob } from './database-backup.job.js';
export {
  backupEmbeddedDatabase,
  BackupNotApplicableError,
  EXTERNAL_DATABASE_BACKUPS,
} from './embedded-backup.js';
export type { EmbeddedBackup } from './embedded-backup.js';
export { listBackups, pruneBackups } from './backup-retention.js';
export { writeBaseBackup } from './base-backup.js';
export type { BaseBackupResult } from './base-backup.js';
export { restoreBackup, RestoreRefusedError } from './restore-backup.js';
