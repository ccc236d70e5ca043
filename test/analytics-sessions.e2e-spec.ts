import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { codeFrom, startSmtpSink } from './utils/smtp.js';

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;
interface Issued {
  sessionId: string;
  sessionKey: string;
}

/**
 * Session ids are visible to staff and analysts (raw events), so a login must not take over a
 * session's anonymous events on the strength of its id: only the key the server issued with it does.
 */
describe('analytics sessions: only the client that was issued a session may claim its events', () => {
  let t: TestApp;
  let smtp: Sink;
  let client: pg.Client;
  let n = 0;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: smtp.url, AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
    client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await t.close();
    await smtp.close();
  });

  const issue = async (): Promise<Issued> =>
    (await request(t.http).post('/analytics/sessions').expect(201)).body;
  const browse = (sessionId: string) =>
    request(t.http)
      .post('/analytics/events')
      .send({ events: [1, 2].map((i) => ({ eventType: 'we_page_load', page: `/courses/${i}`, sessionId })) })
      .expect(201);

  /** A real login (code by mail) with the given tracking headers; returns the user id. */
  async function login(headers: Record<string, string>): Promise<{ userId: string; email: string }> {
    const email = `visitor${++n}-${Date.now()}@example.com`;
    await request(t.http).post('/auth/otp/request').set(headers).send({ email }).expect(202);
    const code = codeFrom(await smtp.waitFor(email));
    const res = await request(t.http).post('/auth/otp/verify').set(headers).send({ email, code }).expect(200);
    const userId: string = res.body.user.id;
    await waitFor(
      async () => (await rows(`user_id = $1 AND event_action = 'login_success'`, [userId])).length > 0,
    );
    return { userId, email };
  }
  const rows = async (where: string, params: unknown[]) =>
    (
      await client.query(
        `SELECT session_id, user_id, event_action FROM analytics_events WHERE ${where}`,
        params,
      )
    ).rows;
  const pageViews = (sessionId: string) =>
    rows(`session_id = $1 AND event_type = 'we_page_load' ORDER BY page`, [sessionId]);

  it('issues a fresh session id and key on every call, storing nothing', async () => {
    const [a, b] = [await issue(), await issue()];
    expect(a.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.sessionKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b.sessionId).not.toBe(a.sessionId);
    expect(b.sessionKey).not.toBe(a.sessionKey);
    expect((await client.query(`SELECT count(*)::int AS n FROM analytics_events`)).rows[0].n).toBe(0);
  });

  it('a stolen session id (no key, a wrong key, another session’s key) links nothing', async () => {
    const victim = await issue();
    const attacker = await issue();
    await browse(victim.sessionId);
    const attempts: Record<string, string>[] = [
      {},
      { 'X-Session-Key': 'x'.repeat(43) },
      { 'X-Session-Key': attacker.sessionKey },
      { 'X-Session-Key': `${victim.sessionKey}x` },
    ];
    for (const extra of attempts) {
      const { userId } = await login({ 'X-Session-Id': victim.sessionId, ...extra });
      // The login itself is still recorded under the session id it came with.
      expect(await rows(`user_id = $1 AND event_action = 'login_success'`, [userId])).toEqual([
        { session_id: victim.sessionId, user_id: userId, event_action: 'login_success' },
      ]);
      expect((await pageViews(victim.sessionId)).map((r) => r.user_id)).toEqual([null, null]);
    }
    // The session key is never written to events.
    const leaked = await client.query(
      `SELECT count(*)::int AS n FROM analytics_events WHERE analytics_events::text LIKE $1`,
      [`%${victim.sessionKey}%`],
    );
    expect(leaked.rows[0].n).toBe(0);

    // The visitor who was issued the session links it with the key.
    const { userId } = await login({ 'X-Session-Id': victim.sessionId, 'X-Session-Key': victim.sessionKey });
    expect((await pageViews(victim.sessionId)).map((r) => r.user_id)).toEqual([userId, userId]);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
