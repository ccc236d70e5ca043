import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { buildOrmOptions } from '../src/app/orm.config.js';
import { runExclusive } from '../src/infra/jobs/exclusive-job.js';
import { createTestDatabase, type TestDatabase } from './utils/test-database.js';

describe('runExclusive: one run at a time under a PostgreSQL advisory lock', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let admin: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await MikroORM.init(buildOrmOptions({ url: db.url, poolMax: 2 }));
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await orm.close();
    await db.drop();
  });

  const lockHolder = async () => {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    return rows.map((r) => r.pid);
  };

  it('does not run while another run holds the lock', async () => {
    const inner = await runExclusive(orm, 'test-job', () =>
      runExclusive(orm, 'test-job', async () => 'nested'),
    );
    expect(inner).toEqual({ ran: true, result: { ran: false } });
  });

  it('survives its lock connection being dropped mid-run: that run fails, the process does not', async () => {
    const run = runExclusive(orm, 'test-job', async () => {
      const [pid] = await lockHolder();
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      // The dropped connection's 'error' event arrives while the work is still running.
      await new Promise((resolve) => setTimeout(resolve, 200));
      return 'done';
    });
    await expect(run).rejects.toThrow();
    expect(await lockHolder()).toEqual([]);
    await expect(runExclusive(orm, 'test-job', async () => 'again')).resolves.toEqual({
      ran: true,
      result: 'again',
    });
  });
});
