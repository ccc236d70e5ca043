import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { EMBEDDED_DATABASE_NAME, openDatabase } from '../database/database-runtime.js';
import { embeddedServerUrl } from '../database/embedded-postgres.js';
import { openClient } from '../database/pools.js';
import { writeBaseBackup, type BaseBackupResult } from './base-backup.js';
import { backupFileName } from './backup-retention.js';
import { runningServer } from './embedded-server-state.js';

/** db:backup was asked to back up a database it cannot copy (DATABASE_URL is set). */
export class BackupNotApplicableError extends Error {}

export const EXTERNAL_DATABASE_BACKUPS =
  'DATABASE_URL is set: db:backup and DB_BACKUP_CRON copy the embedded database only. Back up that ' +
  'PostgreSQL with pg_dump (or pg_basebackup), or use your provider’s managed backups: docs/backups.md.';

export interface EmbeddedBackup extends BaseBackupResult {
  /** No server was running on the data directory, so one was started for the backup and stopped. */
  startedServer: boolean;
  ms: number;
}

/**
 * An online backup of the embedded database into BACKUP_DIR, while the app runs: the server is
 * found from its `postmaster.pid`. With none running (the app stopped), one is started on the data
 * directory for the backup's length.
 */
export async function backupEmbeddedDatabase(config: AppConfig, at = new Date()): Promise<EmbeddedBackup> {
  if (config.database.url) throw new BackupNotApplicableError(EXTERNAL_DATABASE_BACKUPS);
  const { dataDir } = config.database.embedded;
  // Starting the embedded server on a missing directory would create an empty database to back up.
  if (!(await stat(join(dataDir, 'PG_VERSION')).catch(() => undefined))) {
    throw new BackupNotApplicableError(
      `no embedded database at ${dataDir} (EMBEDDED_PG_DATA_DIR): nothing to back up`,
    );
  }
  await mkdir(config.backup.dir, { recursive: true, mode: 0o700 });
  const file = join(config.backup.dir, backupFileName(at));
  const running = await runningServer(dataDir);
  const started = running ? undefined : await openDatabase(config.database);
  const url = running ? embeddedServerUrl(running.port, EMBEDDED_DATABASE_NAME) : (started?.url ?? '');
  try {
    // A broken connection also fails the query in progress, which is what reports it.
    const client = openClient('backup', url, () => undefined);
    await client.connect();
    try {
      const result = await writeBaseBackup(client, dataDir, file, `course-platform ${at.toISOString()}`);
      return { ...result, startedServer: Boolean(started), ms: Date.now() - at.getTime() };
    } finally {
      await client.end();
    }
  } finally {
    await started?.stop();
  }
}
