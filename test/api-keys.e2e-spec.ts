import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import request from 'supertest';
import { ApiKeysService } from '../src/modules/users/index.js';
import { formPost, signInAs } from './utils/admin.js';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { firstRow } from '../src/common/assert/defined.js';

type Operations = Record<string, Record<string, unknown>>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** API keys for reporting jobs: the reports and nothing else, revocable at once, stored as hashes. */
describe('API keys', () => {
  let t: TestApp;
  let keys: ApiKeysService;
  let admin: { id: string; email: string };
  let key: string;
  let keyId: string;
  const sql = <T>(text: string, params: unknown[] = []) =>
    t.orm.em.getConnection().execute<T[]>(text, params);
  const bearer = (k: string) => ({ Authorization: `Bearer ${k}` });
  const report = (k: string) =>
    request(t.http)
      .get('/analytics/reports/engagement/active-users')
      .query({ from: day(-7), to: day(0) })
      .set(bearer(k));

  beforeAll(async () => {
    t = await createTestApp({ API_KEY_RATE_LIMIT_PER_MINUTE: '10000' });
    keys = t.app.get(ApiKeysService);
    const a = await createUserWithTokens(t, 'admin');
    admin = { id: a.user.id, email: a.user.email };
    ({ key, id: keyId } = await keys.create({ name: 'nightly export', scopes: ['reports:read'] }, admin));
  });
  afterAll(() => t.close());

  it('looks like a key and is stored only as its hash', async () => {
    expect(key).toMatch(/^cpk_[0-9A-Za-z]{46}$/);
    const row = firstRow(
      await sql<Record<string, unknown>>(`SELECT * FROM api_keys WHERE id = ?`, [keyId]),
      'the key',
    );
    expect(row.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(key.slice(4));
    expect(row).toMatchObject({ name: 'nightly export', scopes: ['reports:read'], created_by_id: admin.id });
    const audit = await sql<{ action: string }>(`SELECT action FROM audit_events WHERE target_id = ?`, [
      keyId,
    ]);
    expect(audit.map((r) => r.action)).toEqual(['api_key.created']);
  });

  it('opens the reports, as JSON and as CSV, and records the last use in a batch', async () => {
    const json = await report(key).expect(200);
    expect(json.body).toMatchObject({ rows: expect.any(Array), totals: expect.any(Object) });
    const csv = await report(key).set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[0]).toContain('active');
    const [before] = await sql<{ last_used_at: Date | null }>(
      `SELECT last_used_at FROM api_keys WHERE id = ?`,
      [keyId],
    );
    expect(before?.last_used_at).toBeNull(); // not one write per request
    await keys.flushLastUsed();
    const after = firstRow(
      await sql<{ last_used_at: Date | null }>(`SELECT last_used_at FROM api_keys WHERE id = ?`, [keyId]),
      'the key',
    );
    expect(Date.now() - new Date(after.last_used_at!).getTime()).toBeLessThan(60_000);
  });

  it('answers 403 on every other route of the API, public ones and event ingestion included', async () => {
    const doc = (await request(t.http).get('/docs-json').expect(200)).body as { paths: Operations };
    const refused: string[] = [];
    const opened: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        if (!operations[method]) continue;
        const url = path.replace(/\{[^}]+\}/g, 'some-id');
        const res = await request(t.http)
          [method](url)
          .query({ from: day(-7), to: day(0) })
          .set(bearer(key));
        if (path.startsWith('/analytics/reports/')) {
          if (res.status !== 200) opened.push(`${method} ${path} → ${res.status}`);
        } else if (res.status !== 403 || res.body.error !== 'forbidden')
          refused.push(`${method} ${path} → ${res.status}`);
      }
    }
    expect(opened).toEqual([]);
    expect(refused).toEqual([]);
    await request(t.http)
      .post('/analytics/events')
      .set(bearer(key))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ eventType: 'we_page_load' }))
      .expect(403);
    const denied = await sql<{ details: { reason: string } }>(
      `SELECT details FROM audit_events WHERE action = 'api_key.denied' AND target_id = ?`,
      [keyId],
    );
    // Recorded, but a flood of refusals stays one entry a minute per reason.
    expect(denied.map((r) => r.details.reason)).toEqual(['scope']);
  });

  it('refuses unknown, malformed, revoked and expired keys with 401, at once', async () => {
    const made = await keys.create(
      { name: 'short-lived', scopes: ['reports:read'], expiresInDays: 1 },
      admin,
    );
    await report(made.key).expect(200);
    await sql(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = ?`, [made.id]);
    await report(made.key).expect(401);

    const revokable = await keys.create({ name: 'to revoke', scopes: ['reports:read'] }, admin);
    await report(revokable.key).expect(200);
    await keys.revoke(revokable.id, admin);
    const res = await report(revokable.key).expect(401);
    expect(res.body).toMatchObject({ error: 'unauthenticated', message: 'A valid API key is required' });

    const unknown = (await keys.create({ name: 'gone', scopes: ['reports:read'] }, admin)).key;
    await sql(`DELETE FROM api_keys WHERE name = 'gone'`);
    await report(unknown).expect(401);
    await report('cpk_not-a-real-key').expect(401);
    await report(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`).expect(401); // checksum

    const actions = await sql<{ action: string; reason: string }>(
      `SELECT action, details->>'reason' AS reason FROM audit_events WHERE target_id IN (?, ?) ORDER BY at`,
      [made.id, revokable.id],
    );
    expect(actions).toEqual([
      { action: 'api_key.created', reason: null },
      { action: 'api_key.denied', reason: 'expired' },
      { action: 'api_key.created', reason: null },
      { action: 'api_key.revoked', reason: null },
      { action: 'api_key.denied', reason: 'revoked' },
    ]);
  });

  it('limits requests per key (counted in PostgreSQL)', async () => {
    const limited = await keys.create({ name: 'busy job', scopes: ['reports:read'] }, admin);
    await report(limited.key).expect(200);
    await sql(`UPDATE rate_limit_counters SET hits = 100000 WHERE key = ?`, [`api-key:${limited.id}`]);
    const res = await report(limited.key).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await report(key).expect(200); // other keys are not affected
  });

  it('refuses bad names, scopes and expiry with the field named', async () => {
    await expect(keys.create({ name: ' ', scopes: ['reports:read'] }, admin)).rejects.toMatchObject({
      details: [{ field: 'name' }],
    });
    await expect(keys.create({ name: 'x', scopes: ['admin:all'] }, admin)).rejects.toMatchObject({
      details: [{ field: 'scopes' }],
    });
    await expect(
      keys.create({ name: 'x', scopes: ['reports:read'], expiresInDays: 0.5 }, admin),
    ).rejects.toMatchObject({ details: [{ field: 'expiresInDays' }] });
  });

  it('npm run api-key:create prints a working key once, on a line starting with "API key:"', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        './test/support/ts-loader.mjs',
        'src/cli/api-key.ts',
        'create',
        '--name',
        'from the CLI',
        '--scope',
        'reports:read',
        '--expires-days',
        '30',
      ],
      { env: { PATH: process.env.PATH, DATABASE_URL: t.db.url, NODE_ENV: 'development' }, timeout: 60_000 },
    );
    const printed = /^API key: (cpk_\S+)$/m.exec(stdout)?.[1];
    expect(printed).toBeDefined();
    await report(printed!).expect(200);
    const row = firstRow(
      await sql<{ created_by_id: string | null; expires_at: Date }>(
        `SELECT created_by_id, expires_at FROM api_keys WHERE name = 'from the CLI'`,
      ),
      'the key made by the CLI',
    );
    expect(row.created_by_id).toBeNull();
    expect(new Date(row.expires_at).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  }, 90_000);

  it('in the back office: admins make a key (shown once) and revoke it; staff cannot; nobody edits or deletes one', async () => {
    const api = '/admin/api/resources/api_keys';
    const { agent: adminAgent } = await signInAs(t, 'admin');
    const made = await formPost(adminAgent, `${api}/actions/createKey`, {
      name: 'BI export',
      scopes: 'reports:read',
      expiresInDays: '90',
    }).expect(200);
    const shown = made.body.apiKey as { id: string; key: string };
    expect(shown.key).toMatch(/^cpk_/);
    await report(shown.key).expect(200);

    const list = await adminAgent.get(`${api}/actions/list`).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(shown.key);
    expect(JSON.stringify(list.body)).not.toMatch(/keyHash|key_hash/);
    const bad = await formPost(adminAgent, `${api}/actions/createKey`, { name: 'x', scopes: 'everything' });
    expect(bad.body.notice.type).toBe('error');

    const { agent: staffAgent } = await signInAs(t, 'staff');
    await formPost(staffAgent, `${api}/actions/createKey`, { name: 'mine', scopes: 'reports:read' }).expect(
      403,
    );
    await staffAgent.get(`${api}/actions/list`).expect(403);
    await formPost(adminAgent, `${api}/records/${shown.id}/delete`, {}).expect(403);
    await formPost(adminAgent, `${api}/records/${shown.id}/edit`, { name: 'renamed' }).expect(403);

    await formPost(staffAgent, `${api}/records/${shown.id}/revokeKey`, {}).expect(403);
    await formPost(adminAgent, `${api}/records/${shown.id}/revokeKey`, {}).expect(200);
    await report(shown.key).expect(401);
    const audit = await sql<{ action: string; actor_email: string | null }>(
      `SELECT action, actor_email FROM audit_events WHERE target_id = ? ORDER BY at`,
      [shown.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['api_key.created', 'api_key.revoked', 'api_key.denied']);
    expect(audit.slice(0, 2).every((a) => a.actor_email?.startsWith('admin-bo-'))).toBe(true);
  });
});
