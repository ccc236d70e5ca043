import { resolve } from 'node:path';
import { loadConfig } from '../infra/config/app-config.js';
import {
  backupEmbeddedDatabase,
  BackupNotApplicableError,
  EXTERNAL_DATABASE_BACKUPS,
  restoreBackup,
  RestoreRefusedError,
} from '../infra/backup/index.js';
import { runCli, UsageError } from './run-cli.js';

const USAGE = 'usage: db-backup <backup | restore FILE [--force]>';

/**
 * `npm run db:backup`: an online backup of the embedded database into BACKUP_DIR (the app may keep
 * running). `npm run db:restore -- FILE [--force]`: unpacks one into EMBEDDED_PG_DATA_DIR of a
 * stopped installation; the next start recovers from it. docs/backups.md.
 */
await runCli(async (args) => {
  const [command, ...rest] = args;
  const config = loadConfig();
  try {
    switch (command) {
      case 'backup': {
        const backup = await backupEmbeddedDatabase(config);
        console.log(
          `Backup written: ${backup.file}\n  ${backup.bytes} bytes, WAL ${backup.startLsn} → ${backup.stopLsn} ` +
            `(${backup.walSegments} segment(s)), ${backup.ms} ms` +
            (backup.startedServer
              ? '\n  (the app was not running: PostgreSQL was started for the backup)'
              : ''),
        );
        break;
      }
      case 'restore': {
        const file = rest.find((arg) => !arg.startsWith('--'));
        if (!file || rest.some((arg) => arg.startsWith('--') && arg !== '--force'))
          throw new UsageError(USAGE);
        if (config.database.url) throw new UsageError(EXTERNAL_DATABASE_BACKUPS);
        const restored = await restoreBackup(
          resolve(file),
          config.database.embedded.dataDir,
          rest.includes('--force'),
        );
        console.log(
          `Restored into ${restored.dataDir}` +
            (restored.replaced ? `\n  the directory that was there is kept at ${restored.replaced}` : '') +
            '\n  Start the app: PostgreSQL replays the backup’s WAL on its first start.',
        );
        break;
      }
      default:
        throw new UsageError(USAGE);
    }
  } catch (error) {
    if (error instanceof BackupNotApplicableError || error instanceof RestoreRefusedError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
});
