import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { MIGRATIONS } from '../src/migrations/index.js';
import { DEMO_ADMIN_EMAIL } from '../src/seeders/demo-admin.seeder.js';
import { databaseUrl, makeTempDir, quoteIdent, withClient } from './setup/test-postgres.js';

interface Instance {
  process: ChildProcess;
  /** The port the instance listens on, read from its boot log (it starts with PORT=0). */
  port(): number | undefined;
  output: string[];
  exited: Promise<number | null>;
}

/** Two app processes (`src/main.ts`, as `npm start` runs it) on one fresh, empty database. */
describe('two replicas starting together on an empty database', () => {
  const adminUrl = process.env.TEST_PG_ADMIN_URL!;
  const name = `cp_replicas_${randomBytes(4).toString('hex')}`;
  const url = databaseUrl(adminUrl, name);
  let outbox: { path: string; remove(): Promise<void> };
  let instances: Instance[] = [];

  beforeAll(async () => {
    await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
    outbox = await makeTempDir('cp-replicas-outbox-');
  });

  afterAll(async () => {
    for (const instance of instances) instance.process.kill('SIGKILL');
    await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    await outbox.remove();
  });

  async function start(): Promise<Instance> {
    const child = spawn(process.execPath, ['--import', './test/support/ts-loader.mjs', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        DATABASE_URL: url,
        // The OS picks the port at listen time: a port chosen beforehand can be taken meanwhile.
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        OUTBOX_DIR: outbox.path,
        JOBS_ENABLED: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const port = () => {
      const match = /API +http:\/\/localhost:(\d+)/.exec(output.join(''));
      return match ? Number(match[1]) : undefined;
    };
    return { process: child, port, output, exited };
  }

  async function ready(instance: Instance, deadline: number): Promise<void> {
    while (Date.now() < deadline) {
      if (instance.process.exitCode !== null)
        throw new Error(`instance exited (${instance.process.exitCode}):\n${instance.output.join('')}`);
      const port = instance.port();
      const ok =
        port !== undefined &&
        (await fetch(`http://127.0.0.1:${port}/health/ready`)
          .then((res) => res.ok)
          .catch(() => false));
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`instance not ready in time:\n${instance.output.join('')}`);
  }

  it('both become ready; migrations run once and the demo data loads once', async () => {
    instances = await Promise.all([start(), start()]);
    const deadline = Date.now() + 150_000;
    await Promise.all(instances.map((instance) => ready(instance, deadline)));

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
