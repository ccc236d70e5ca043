import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { MIGRATIONS } from '../src/migrations/index.js';
import { DEMO_ADMIN_EMAIL } from '../src/seeders/demo-admin.seeder.js';
import { databaseUrl, makeTempDir, quoteIdent, withClient } from './setup/test-postgres.js';
import { startAppProcess, whenReady, type AppProcess } from './utils/app-process.js';

/** Two app processes (`src/main.ts`, as `npm start` runs it) on one fresh, empty database. */
describe('two replicas starting together on an empty database', () => {
  const adminUrl = process.env.TEST_PG_ADMIN_URL!;
  const name = `cp_replicas_${randomBytes(4).toString('hex')}`;
  const url = databaseUrl(adminUrl, name);
  let outbox: { path: string; remove(): Promise<void> };
  let instances: AppProcess[] = [];

  beforeAll(async () => {
    await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
    outbox = await makeTempDir('cp-replicas-outbox-');
  });

  afterAll(async () => {
    for (const instance of instances) instance.process.kill('SIGKILL');
    await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    await outbox.remove();
  });

  const start = (): AppProcess => startAppProcess(url, { OUTBOX_DIR: outbox.path, JOBS_ENABLED: 'false' });

  it('both become ready; migrations run once and the demo data loads once', async () => {
    instances = [start(), start()];
    const deadline = Date.now() + 150_000;
    await Promise.all(instances.map((instance) => whenReady(instance, deadline)));

    const logs = instances.map((instance) => instance.output.join(''));
    expect(logs.join('\n')).not.toMatch(/MigrationError|Failed to start/);
    expect(logs.filter((log) => log.includes('Applied migrations'))).toHaveLength(1);
    expect(logs.filter((log) => log.includes('Demo data loaded'))).toHaveLength(1);

    await withClient(url, async (c) => {
      const migrations = await c.query<{ n: number; names: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT name)::int AS names FROM mikro_orm_migrations',
      );
      expect(migrations.rows[0]).toEqual({ n: MIGRATIONS.length, names: MIGRATIONS.length });
      const admins = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE email = $1', [
        DEMO_ADMIN_EMAIL,
      ]);
      expect(admins.rows).toEqual([{ n: 1 }]);
    });

    // Both serve the same data, and both stop cleanly.
    const courses = await Promise.all(
      instances.map((instance) =>
        fetch(`http://127.0.0.1:${instance.port()}/courses`).then(
          (res) => res.json() as Promise<{ total: number }>,
        ),
      ),
    );
    const [first, second] = courses;
    expect(first?.total).toBeGreaterThan(0);
    expect(second?.total).toBe(first?.total);
    for (const instance of instances) instance.process.kill('SIGTERM');
    expect(await Promise.all(instances.map((instance) => instance.exited))).toEqual([0, 0]);
  }, 200_000);
});
