import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { DatabaseSeeder } from '../src/seeders/database.seeder.js';
import { DEMO_ADMIN_EMAIL } from '../src/seeders/demo-admin.seeder.js';
import { makeTempDir } from './setup/test-postgres.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * The walkthrough a newcomer pastes (docs/examples/students-day.sh, linked from docs/api.md), run
 * as written against a listening app with the demo data: it must work from its first line to its
 * last, capturing every value it needs (curl and jq, as the reader has them).
 */
describe('docs/examples: a student’s day, as pasted', () => {
  let t: TestApp;
  let outbox: Awaited<ReturnType<typeof makeTempDir>>;
  let api: string;

  beforeAll(async () => {
    outbox = await makeTempDir('cp-docs-outbox-');
    t = await createTestApp({ OUTBOX_DIR: outbox.path, AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
    await t.orm.getSeeder().seed(DatabaseSeeder);
    await t.app.listen(0, '127.0.0.1');
    api = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
    await outbox.remove();
  });

  it('runs to the end: logs in, enrols, opens a class, reports progress', async () => {
    const child = spawn('bash', ['docs/examples/students-day.sh'], {
      env: { PATH: process.env.PATH, API: api, OUTBOX: outbox.path, STAFF_EMAIL: DEMO_ADMIN_EMAIL },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, out }).toEqual({ code: 0, out: expect.stringContaining('continue: ') });
    expect(out).toMatch(/^course .+: video class \S+, text class \S+$/m);
    expect(out).toContain('"lastPosition":315');
    expect(out).toContain('{"isCompleted":true}');
    expect(out).toMatch(/\{"completedClasses":1,"totalClasses":\d+,"percent":[\d.]+\}/);
  }, 60_000);
});
