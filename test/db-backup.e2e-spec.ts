import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MikroORM } from '@mikro-orm/postgresql';
import type { LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { AppModule } from '../src/app.module.js';
import {
  backupEmbeddedDatabase,
  BackupNotApplicableError,
  DatabaseBackupJob,
  listBackups,
  pruneBackups,
  restoreBackup,
  RestoreRefusedError,
} from '../src/infra/backup/index.js';
import { backupFileName } from '../src/infra/backup/backup-retention.js';
import { ConfigError, loadConfig, type AppConfig } from '../src/infra/config/app-config.js';
import { openDatabase, type DatabaseHandle } from '../src/infra/database/database-runtime.js';
import { buildOrmOptions } from '../src/app/orm.config.js';
import { prepareDatabase } from '../src/app/prepare-database.js';
import { configureApp } from '../src/app/configure-app.js';
import { freePort, makeTempDir } from './setup/test-postgres.js';

const quiet: LoggerService = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * npm run db:backup / db:restore on an embedded server of their own (not the suite's shared one):
 * a backup taken while events keep arriving restores into a fresh directory on which the app starts
 * and finds every event committed before the backup began.
 */
describe('backups of the embedded database', () => {
  let dir: { path: string; remove(): Promise<void> };
  let source: AppConfig;
  let sourceDb: DatabaseHandle;

  async function configFor(name: string, env: Record<string, string> = {}): Promise<AppConfig> {
    return loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SEED_ON_EMPTY: 'false',
      EMBEDDED_PG_DATA_DIR: join(dir.path, name),
      EMBEDDED_PG_PORT: String(await freePort()),
      BACKUP_DIR: join(dir.path, 'backups'),
      ...env,
    });
  }

  beforeAll(async () => {
    dir = await makeTempDir('cp-backup-');
    source = await configFor('source');
    sourceDb = await openDatabase(source.database);
    const orm = await MikroORM.init(buildOrmOptions({ url: sourceDb.url, poolMax: 2 }));
    try {
      await prepareDatabase(orm, source.database, quiet);
    } finally {
      await orm.close();
    }
  }, 60_000);
  afterAll(async () => {
    await sourceDb?.stop();
    await dir?.remove();
  });

  /** Inserts events one transaction at a time until stopped; `committed` holds the ids whose COMMIT returned. */
  function ingestContinuously(): { committed: string[]; stop(): Promise<void> } {
    const committed: string[] = [];
    let running = true;
    const client = new pg.Client({ connectionString: sourceDb.url });
    const loop = (async () => {
      await client.connect();
      for (let n = 0; running; n++) {
        const ids = Array.from({ length: 20 }, (_, i) => `backup-${n}-${i}`);
        await client.query(
          `INSERT INTO analytics_events (id, session_id, event_type, page, "timestamp")
           SELECT id, 'backup-test', 'we_page_load', '/backup/' || id, now() FROM unnest($1::text[]) AS id`,
          [ids],
        );
        committed.push(...ids);
      }
      await client.end();
    })();
    return {
      committed,
      stop: async () => {
        running = false;
        await loop;
      },
    };
  }

  async function startApp(config: AppConfig): Promise<{ app: NestExpressApplication; db: DatabaseHandle }> {
    const db = await openDatabase(config.database);
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot({ config, databaseUrl: db.url })],
    }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true });
    configureApp(app, config);
    await app.init();
    await prepareDatabase(app.get(MikroORM), config.database, quiet);
    return { app, db };
  }

  it('restores an online backup taken during ingestion, with every row committed before it began', async () => {
    const ingestion = ingestContinuously();
    while (ingestion.committed.length < 400) await new Promise((resolve) => setTimeout(resolve, 20));
    const before = [...ingestion.committed];
    const backup = await backupEmbeddedDatabase(source);
    const during = ingestion.committed.length - before.length;
    await ingestion.stop();
    expect(backup.startedServer).toBe(false);
    expect(during).toBeGreaterThan(0);
    expect(backup.walSegments).toBeGreaterThan(0);
    expect(await listBackups(source.backup.dir)).toEqual([backup.file.split('/').pop()]);

    // The source is running: restoring over it is refused, whatever the flags.
    await expect(restoreBackup(backup.file, source.database.embedded.dataDir, true)).rejects.toThrow(
      RestoreRefusedError,
    );

    const restored = await configFor('restored', {
      JOBS_ENABLED: 'true',
      // Never fires during the test: the job is run by hand below.
      DB_BACKUP_CRON: '0 0 1 1 *',
      DB_BACKUP_KEEP: '1',
      ANALYTICS_ROLLUP_CRON: '0 0 1 1 *',
      REPORT_DELIVERY_CRON: '0 0 1 1 *',
      AUTH_PURGE_CRON: '0 0 1 1 *',
    });
    const { dataDir } = restored.database.embedded;
    await restoreBackup(backup.file, dataDir, false);
    // Owned like the directory PostgreSQL made itself (by the `postgres` user when tests run as root).
    const [made, unpacked] = await Promise.all([stat(source.database.embedded.dataDir), stat(dataDir)]);
    expect({ uid: unpacked.uid, mode: unpacked.mode & 0o777 }).toEqual({ uid: made.uid, mode: 0o700 });

    const { app, db } = await startApp(restored);
    let newest: string | undefined;
    try {
      await request(app.getHttpServer() as App)
        .get('/health')
        .expect(200);
      const found = await app
        .get(MikroORM)
        .em.getConnection()
        .execute<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM analytics_events WHERE id = ANY(?::text[])`,
          [`{${before.join(',')}}`],
        );
      expect(found[0]?.n).toBe(before.length);

      // The scheduled job on the restored installation: backs up (the app running) and keeps the newest one.
      const run = await app.get(DatabaseBackupJob).run();
      expect(run?.pruned).toEqual([backup.file.split('/').pop()]);
      newest = run?.file ?? '';
      expect(await listBackups(restored.backup.dir)).toEqual([newest?.split('/').pop()]);
    } finally {
      await app.close();
      await db.stop();
    }

    // Stopped now, but not empty: only --force replaces it, and the old directory is kept aside.
    const latest = newest ?? 'the job made no backup';
    await expect(restoreBackup(latest, dataDir, false)).rejects.toThrow(/not empty/);
    const forced = await restoreBackup(latest, dataDir, true);
    expect(forced.replaced).toBeDefined();
    expect((await readdir(forced.replaced ?? '')).length).toBeGreaterThan(0);
  }, 90_000);

  it('refuses what it cannot do: an external database, a file that is not a backup', async () => {
    const external = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://u:p@db.example:5432/app' });
    await expect(backupEmbeddedDatabase(external)).rejects.toThrow(BackupNotApplicableError);
    await expect(backupEmbeddedDatabase(external)).rejects.toThrow(/pg_dump/);
    expect(() =>
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: 'postgres://u:p@db.example:5432/app',
        DB_BACKUP_CRON: '0 3 * * *',
      }),
    ).toThrow(ConfigError);

    const junk = join(dir.path, 'junk.tar.gz');
    await writeFile(junk, gzipSync(Buffer.alloc(4096, 1)));
    await expect(restoreBackup(junk, join(dir.path, 'from-junk'), false)).rejects.toThrow(
      /not a tar archive/,
    );
    await expect(restoreBackup(join(dir.path, 'missing.tar.gz'), join(dir.path, 'x'), false)).rejects.toThrow(
      /no backup at/,
    );
    expect(await readdir(dir.path)).not.toContain(expect.stringMatching(/^from-junk\.restoring/));
  });

  it('keeps the newest backups and leaves other files alone', async () => {
    const backups = join(dir.path, 'prune');
    await mkdir(backups);
    const names = [1, 2, 3, 4].map((day) => backupFileName(new Date(Date.UTC(2026, 0, day, 2, 40))));
    const partial = `${backupFileName(new Date())}.partial`;
    for (const name of [...names, partial, 'notes.txt']) {
      await writeFile(join(backups, name), '');
    }
    expect(await pruneBackups(backups, 2)).toEqual(names.slice(0, 2));
    expect((await readdir(backups)).sort()).toEqual([...names.slice(2), partial, 'notes.txt'].sort());
  });
});
