import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MikroORM } from '@mikro-orm/postgresql';
import type { LoggerService } from '@nestjs/common';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '../src/infra/config/app-config.js';
import { openDatabase } from '../src/infra/database/database-runtime.js';
import { buildOrmOptions } from '../src/app/orm.config.js';
import { prepareDatabase } from '../src/app/prepare-database.js';
import { SPEC_TABLES } from './fixtures/spec-schema.js';
import { freePort, makeTempDir } from './setup/test-postgres.js';
import { firstRow } from '../src/common/assert/defined.js';

/** What `npm start` does before serving: embedded PostgreSQL, migrations, demo data on an empty database. */
describe('startup on a fresh machine without DATABASE_URL', () => {
  let dir: { path: string; remove(): Promise<void> };
  let config: AppConfig;
  const messages: string[] = [];
  const logger: LoggerService = {
    log: (m: string) => messages.push(m),
    error: () => undefined,
    warn: () => undefined,
  };

  beforeAll(async () => {
    dir = await makeTempDir('cp-startup-');
    config = loadConfig({
      NODE_ENV: 'development',
      EMBEDDED_PG_DATA_DIR: join(dir.path, 'postgres'),
      EMBEDDED_PG_PORT: String(await freePort()),
    });
  });
  afterAll(() => dir.remove());

  /** One `npm start` minus the HTTP server: returns the row count of every spec table. */
  async function startOnce(): Promise<Record<string, number>> {
    const db = await openDatabase(config.database);
    try {
      expect(db.embedded).toBe(true);
      const orm = await MikroORM.init(buildOrmOptions({ url: db.url, poolMax: 4 }));
      try {
        await prepareDatabase(orm, config.database, logger);
        const counts: Record<string, number> = {};
        for (const table of Object.keys(SPEC_TABLES)) {
          const rows = await orm.em
            .getConnection()
            .execute<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`);
          counts[table] = firstRow(rows, `count(*) of ${table}`).n;
        }
        return counts;
      } finally {
        await orm.close();
      }
    } finally {
      await db.stop();
    }
  }

  it('initialises PostgreSQL, migrates and seeds the first time, then keeps the data across a restart', async () => {
    const first = await startOnce();
    for (const n of Object.values(first)) expect(n).toBeGreaterThan(0);
    expect(messages.some((m) => m.includes('Applied migrations'))).toBe(true);
    expect(messages.filter((m) => m.startsWith('Demo data loaded'))).toHaveLength(1);

    const second = await startOnce();
    expect(second).toEqual(first);
    expect(messages.filter((m) => m.startsWith('Demo data loaded'))).toHaveLength(1);
  }, 180_000);
});
