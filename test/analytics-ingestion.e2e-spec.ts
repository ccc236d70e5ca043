import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventEmitter2 } from '@nestjs/event-emitter';
import pg from 'pg';
import request from 'supertest';
import { EMPTY_TRACKING, type TrackingContext } from '../src/common/tracking/tracking-context.js';
import {
  LoginFailedEvent,
  LoginSucceededEvent,
  OtpRequestedEvent,
  USER_EVENTS,
} from '../src/modules/users/users.events.js';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const HOUR = 3600_000;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('analytics ingestion: POST /analytics/events', () => {
  let t: TestApp;
  let client: pg.Client;

  beforeAll(async () => {
    // One ingestion connection, so a locked table holds every later request in the queue.
    t = await createTestApp({
      BODY_LIMIT: '256kb',
      ANALYTICS_INGEST_CONNECTIONS: '1',
      ANALYTICS_INGEST_MAX_QUEUE: '500',
    });
    client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  const post = (body: unknown) =>
    request(t.http)
      .post('/analytics/events')
      .send(body as object);
  const count = async (where = 'true', params: unknown[] = []) =>
    Number(
      (await client.query(`SELECT count(*) AS n FROM analytics_events WHERE ${where}`, params)).rows[0].n,
    );

  it('accepts one anonymous event: no user, not logged in, platform web, timestamp now', async () => {
    const res = await post({ eventType: 'we_page_load', page: '/courses', sessionId: 'anon-1' }).expect(201);
    expect(res.body).toEqual({ accepted: 1 });
    const { rows } = await client.query(`SELECT * FROM analytics_events WHERE session_id = 'anon-1'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      user_id: null,
      user_email: null,
      is_logged_in: false,
      platform: 'web',
      event_type: 'we_page_load',
    });
    expect(Math.abs(rows[0].timestamp.getTime() - Date.now())).toBeLessThan(60_000);
    expect(rows[0].id).toMatch(/^[a-z0-9]{20,}$/);
  });

  it('takes the identity from a valid access token only; a client cannot claim one', async () => {
    const learner = await createUserWithTokens(t, 'student', 'tracked.learner@example.com');
    await post({ eventType: 'we_page_load', sessionId: 'tok-1' }).set(learner.auth).expect(201);
    const { rows } = await client.query(
      `SELECT user_id, user_email, is_logged_in FROM analytics_events WHERE session_id = 'tok-1'`,
    );
    expect(rows).toEqual([
      { user_id: learner.user.id, user_email: 'tracked.learner@example.com', is_logged_in: true },
    ]);
    const claim = await post({
      eventType: 'we_page_load',
      sessionId: 'tok-2',
      userId: learner.user.id,
      isLoggedIn: true,
    }).expect(400);
    expect(claim.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'isLoggedIn',
      'userId',
    ]);
    await post({ eventType: 'we_page_load', sessionId: 'tok-3' })
      .set('Authorization', 'Bearer forged.token.value')
      .expect(401);
    expect(await count(`session_id IN ('tok-2', 'tok-3')`)).toBe(0);
  });

  it('accepts a batch, custom types, and parses UTM from the page URL (fields given win)', async () => {
    const res = await post({
      events: [
        {
          eventType: 'we_page_load',
          sessionId: 'utm-1',
          page: '/landing?utm_source=google&utm_medium=cpc&utm_campaign=spring#x',
        },
        {
          eventType: 'we_page_load',
          sessionId: 'utm-1',
          page: '/landing?utm_source=google&utm_medium=cpc',
          utmSource: 'bing',
        },
        {
          eventType: 'share_clicked',
          sessionId: 'utm-1',
          platform: 'mobile',
          customData: { to: 'whatsapp' },
        },
      ],
    }).expect(201);
    expect(res.body.accepted).toBe(3);
    const { rows } = await client.query(
      `SELECT event_type, utm_source, utm_medium, utm_campaign, platform, custom_data FROM analytics_events
       WHERE session_id = 'utm-1' ORDER BY event_type, utm_source`,
    );
    expect(rows).toEqual([
      {
        event_type: 'share_clicked',
        utm_source: null,
        utm_medium: null,
        utm_campaign: null,
        platform: 'mobile',
        custom_data: { to: 'whatsapp' },
      },
      {
        event_type: 'we_page_load',
        utm_source: 'bing',
        utm_medium: 'cpc',
        utm_campaign: null,
        platform: 'web',
        custom_data: null,
      },
      {
        event_type: 'we_page_load',
        utm_source: 'google',
        utm_medium: 'cpc',
        utm_campaign: 'spring',
        platform: 'web',
        custom_data: null,
      },
    ]);
  });

  it('rejects a bad batch whole, naming each event index and field, and writes nothing', async () => {
    const before = await count();
    const res = await post({
      events: [
        { eventType: 'we_page_load', sessionId: 'bad-batch' },
        { eventType: 'Not A Type', sessionId: 'bad-batch' },
        { eventType: 'auth_event', userId: 'someone-else', userEmail: 'ceo@example.com', isLoggedIn: true },
        { eventType: 'we_page_load', customData: { blob: 'x'.repeat(9000) }, platform: 'tv', colour: 'red' },
        { eventType: 'we_page_load', id: 'not an id!', page: 'p'.repeat(3000) },
      ],
    }).expect(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      error: 'validation_failed',
      requestId: expect.any(String),
    });
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual([
      'events.1.eventType',
      'events.2.userId',
      'events.2.userEmail',
      'events.2.isLoggedIn',
      'events.3.colour',
      'events.3.platform',
      'events.3.customData',
      'events.4.page',
      'events.4.id',
    ]);
    expect(await count()).toBe(before);
  });

  it('rejects bodies that are not an event or a batch of 1-500 events', async () => {
    await post({ events: [] }).expect(400);
    await post({ events: Array.from({ length: 501 }, () => ({ eventType: 'we_page_load' })) }).expect(400);
    await post({ events: [{ eventType: 'we_page_load' }], extra: 1 }).expect(400);
    const res = await post({ page: '/x' }).expect(400);
    expect(res.body.details).toEqual([
      { field: 'eventType', messages: [expect.stringMatching(/eventType must be/)] },
    ]);
  });

  it('accepts client timestamps within [now - 72 h, now + 5 min] only', async () => {
    const ok = new Date(Date.now() - 71 * HOUR).toISOString();
    const res = await post({
      events: [
        { eventType: 'we_page_load', sessionId: 'late', timestamp: ok },
        {
          eventType: 'we_page_load',
          sessionId: 'late',
          timestamp: new Date(Date.now() - 73 * HOUR).toISOString(),
        },
        {
          eventType: 'we_page_load',
          sessionId: 'late',
          timestamp: new Date(Date.now() + 10 * 60_000).toISOString(),
        },
        { eventType: 'we_page_load', sessionId: 'late', timestamp: '2026-01-01 10:00' },
      ],
    }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([
      'events.1.timestamp',
      'events.2.timestamp',
      'events.3.timestamp',
    ]);
    await post({ eventType: 'we_page_load', sessionId: 'late', timestamp: ok }).expect(201);
    const { rows } = await client.query(`SELECT "timestamp" FROM analytics_events WHERE session_id = 'late'`);
    expect(rows.map((r) => r.timestamp.toISOString())).toEqual([ok]);
  });

  it('stores a retried batch once, by client id, with or without client timestamps', async () => {
    const batch = {
      events: [
        { id: uuid(1), eventType: 'we_page_load', sessionId: 'retry' },
        {
          id: 'ckv9x2m4e0000qz8h1f3a7b2c',
          eventType: 'we_page_load',
          sessionId: 'retry',
          timestamp: new Date().toISOString(),
        },
        { id: uuid(1).toUpperCase(), eventType: 'we_page_load', sessionId: 'retry' }, // same id, other case
        { eventType: 'we_page_load', sessionId: 'retry' }, // no id: every send is a new event
      ],
    };
    await post(batch).expect(201);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the retry gets another server timestamp
    await post(batch).expect(201);
    const { rows } = await client.query(
      `SELECT id FROM analytics_events WHERE session_id = 'retry' ORDER BY id`,
    );
    const ids = rows.map((r) => r.id);
    expect(ids.filter((id) => id === uuid(1))).toHaveLength(1);
    expect(ids.filter((id) => id === 'ckv9x2m4e0000qz8h1f3a7b2c')).toHaveLength(1);
    expect(ids).toHaveLength(4);
  });

  it('rejects bodies over the size limit with 413', async () => {
    const big = Array.from({ length: 300 }, () => ({
      eventType: 'we_page_load',
      page: '/'.padEnd(1000, 'x'),
    }));
    const res = await post({ events: big }).expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'payload_too_large' });
  });

  it('answers after commit, shares one transaction between queued requests, and sheds load with 503', async () => {
    const locker = new pg.Client({ connectionString: t.db.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE analytics_events IN ACCESS EXCLUSIVE MODE');
      const settled: number[] = [];
      const send = (body: unknown) =>
        post(body).then((r) => {
          settled.push(r.status);
          return r;
        });
      const first = send({ eventType: 'we_page_load', sessionId: 'group-first' }); // in flight, blocked
      await waitFor(async () => (await lockWaiters(locker)) === 1);
      const queued = Array.from({ length: 10 }, (_, i) =>
        send({ eventType: 'we_page_load', sessionId: `group-${i}` }),
      );
      const big = send({
        events: Array.from({ length: 500 }, () => ({ eventType: 'we_page_load', sessionId: 'group-big' })),
      });
      await waitFor(async () => settled.length === 1); // the 500 do not fit next to the 10 queued: 503
      expect(settled).toEqual([503]);
      const shed = await big;
      expect(shed.headers['retry-after']).toBe('1');
      expect(shed.body).toMatchObject({ statusCode: 503, requestId: expect.any(String) });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(settled).toEqual([503]); // nobody answered 2xx before the commit
      await locker.query('COMMIT');
      expect((await first).status).toBe(201);
      for (const r of await Promise.all(queued)) expect(r.status).toBe(201);
    } finally {
      await locker.end();
    }
    const { rows } = await client.query(
      `SELECT count(*)::int AS events, count(DISTINCT xmin::text)::int AS transactions FROM analytics_events
       WHERE session_id LIKE 'group-%' AND session_id <> 'group-first'`,
    );
    expect(rows[0]).toEqual({ events: 10, transactions: 1 });
  });

  describe('login events from the users module', () => {
    const tracking = (sessionId: string, sessionKey?: string): TrackingContext => ({
      ...EMPTY_TRACKING,
      sessionId,
      sessionKey,
      platform: 'web',
      utm: { ...EMPTY_TRACKING.utm, source: 'newsletter', medium: 'email' },
    });

    it('records otp_requested, login_failed and login_success, and links the session’s anonymous events', async () => {
      // An issued session: the login shows its key (X-Session-Key), so the session's events are linked.
      const issued = await request(t.http).post('/analytics/sessions').expect(201);
      const { sessionId: sess, sessionKey } = issued.body as { sessionId: string; sessionKey: string };
      await post({ events: [{ eventType: 'we_page_load', page: '/login', sessionId: sess }] }).expect(201);
      await post({ eventType: 'we_page_load', page: '/login', sessionId: 'other-session' }).expect(201);
      const emitter = t.app.get(EventEmitter2);
      await emitter.emitAsync(
        USER_EVENTS.otpRequested,
        new OtpRequestedEvent('ada@example.com', tracking(sess, sessionKey)),
      );
      await emitter.emitAsync(
        USER_EVENTS.loginFailed,
        new LoginFailedEvent('ada@example.com', 'wrong_code', tracking(sess, sessionKey)),
      );
      await emitter.emitAsync(
        USER_EVENTS.loginSucceeded,
        new LoginSucceededEvent('user-ada', 'ada@example.com', true, tracking(sess, sessionKey)),
      );
      // Ordered by action, not timestamp: the three events are often written in the same millisecond.
      const { rows } = await client.query(
        `SELECT event_type, event_action, user_id, user_email, is_logged_in, utm_source, utm_medium, platform, custom_data
         FROM analytics_events WHERE session_id = $1
         ORDER BY array_position(ARRAY['otp_requested', 'login_failed', 'login_success'], event_action) NULLS FIRST`,
        [sess],
      );
      expect(rows).toEqual([
        expect.objectContaining({
          event_type: 'we_page_load',
          user_id: 'user-ada',
          user_email: 'ada@example.com',
          is_logged_in: false,
        }),
        // Recorded anonymous (user_id null), then linked to the user by the login, like the page view.
        expect.objectContaining({
          event_action: 'otp_requested',
          user_id: 'user-ada',
          is_logged_in: false,
          utm_source: 'newsletter',
        }),
        expect.objectContaining({
          event_action: 'login_failed',
          user_id: 'user-ada',
          custom_data: { reason: 'wrong_code' },
        }),
        {
          event_type: 'auth_event',
          event_action: 'login_success',
          user_id: 'user-ada',
          user_email: 'ada@example.com',
          is_logged_in: true,
          utm_source: 'newsletter',
          utm_medium: 'email',
          platform: 'web',
          custom_data: { method: 'email_otp', new_user: true },
        },
      ]);
      expect(await count(`session_id = 'other-session' AND user_id IS NULL`)).toBe(1);
    });
  });
});

async function lockWaiters(client: pg.Client): Promise<number> {
  const { rows } = await client.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return rows[0].n;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
