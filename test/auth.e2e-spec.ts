import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import {
  USER_EVENTS,
  type LoginFailedEvent,
  type LoginSucceededEvent,
  type OtpRequestedEvent,
} from '../src/modules/users/users.events.js';
import { AuthPurgeJob } from '../src/modules/users/jobs/auth-purge.job.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { codeFrom, startSmtpSink } from './utils/smtp.js';
import { firstRow } from '../src/common/assert/defined.js';

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

describe('passwordless login (e-mail OTP → JWT + rotating refresh tokens)', () => {
  let t: TestApp;
  let smtp: Sink;
  const events: { name: string; payload: unknown }[] = [];
  let n = 0;
  const freshEmail = () => `learner${++n}-${Date.now()}@example.com`;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: smtp.url, AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
    const emitter = t.app.get(EventEmitter2);
    for (const name of Object.values(USER_EVENTS))
      emitter.on(name, (payload: unknown) => events.push({ name, payload }));
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(() => {
    events.length = 0;
  });

  const requestCode = async (email: string) => {
    await request(t.http).post('/auth/otp/request').set('X-Session-Id', 'sess-1').send({ email }).expect(202);
    return codeFrom(await smtp.waitFor(email));
  };
  const verify = (email: string, code: string) =>
    request(t.http).post('/auth/otp/verify').set('X-Session-Id', 'sess-1').send({ email, code });

  it('runs the whole flow: code by mail → login → protected route → refresh → reuse detection → logout', async () => {
    const email = freshEmail();
    const code = await requestCode(email);
    expect(code).toMatch(/^\d{6}$/);

    const login = await verify(email, code).expect(200);
    expect(login.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
      user: expect.objectContaining({ email, role: 'student', emailVerified: expect.any(String) }),
    });
    expect(JSON.stringify(login.body)).not.toMatch(/hash/i);

    const me = await request(t.http)
      .get('/users/me')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(me.body.id).toBe(login.body.user.id);

    const refreshed = await request(t.http)
      .post('/auth/refresh')
      .send({ refreshToken: login.body.refreshToken })
      .expect(200);
    expect(refreshed.body.refreshToken).not.toBe(login.body.refreshToken);
    await request(t.http)
      .get('/users/me')
      .set('Authorization', `Bearer ${refreshed.body.accessToken}`)
      .expect(200);

    // The old refresh token again: theft detected, the whole family (including the new token) is revoked.
    const reused = await request(t.http)
      .post('/auth/refresh')
      .send({ refreshToken: login.body.refreshToken })
      .expect(401);
    expect(reused.body.error).toBe('invalid_refresh_token');
    await request(t.http)
      .post('/auth/refresh')
      .send({ refreshToken: refreshed.body.refreshToken })
      .expect(401);

    // A new login, then logout ends that session.
    const again = await verify(email, await requestCodeAfterCooldown(email)).expect(200);
    await request(t.http).post('/auth/logout').send({ refreshToken: again.body.refreshToken }).expect(204);
    await request(t.http).post('/auth/refresh').send({ refreshToken: again.body.refreshToken }).expect(401);
    expect(again.body.user.id).toBe(login.body.user.id);
  });

  /** Requests a new code for an address that already had one (skips the one-a-minute wait). */
  async function requestCodeAfterCooldown(email: string): Promise<string> {
    await t.orm.em
      .getConnection()
      .execute(`UPDATE auth_otp_codes SET created_at = now() - interval '2 minutes' WHERE email = ?`, [
        email,
      ]);
    await t.orm.em.getConnection().execute(`DELETE FROM auth_otp_codes WHERE email = ?`, [email]);
    const before = smtp.inbox.length;
    await request(t.http).post('/auth/otp/request').send({ email }).expect(202);
    while (smtp.inbox.length === before) await new Promise((r) => setTimeout(r, 20));
    return codeFrom(await smtp.waitFor(email));
  }

  it('logout-all ends every session of the user', async () => {
    const email = freshEmail();
    const first = await verify(email, await requestCode(email)).expect(200);
    const second = await verify(email, await requestCodeAfterCooldown(email)).expect(200);
    await request(t.http)
      .post('/auth/logout-all')
      .set('Authorization', `Bearer ${second.body.accessToken}`)
      .expect(204);
    await request(t.http).post('/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    await request(t.http).post('/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
  });

  it('creates the account on first login only, verified, as a student', async () => {
    const email = freshEmail();
    const first = await verify(email, await requestCode(email)).expect(200);
    const second = await verify(email, await requestCodeAfterCooldown(email)).expect(200);
    expect(second.body.user.id).toBe(first.body.user.id);
    const [row] = await t.orm.em
      .getConnection()
      .execute(`SELECT count(*)::int AS n, min(role) AS role FROM users WHERE email = ?`, [email]);
    expect(row).toEqual({ n: 1, role: 'student' });
    const successes = events
      .filter((e) => e.name === USER_EVENTS.loginSucceeded)
      .map((e) => e.payload as LoginSucceededEvent);
    expect(successes.map((e) => e.isNewUser)).toEqual([true, false]);
  });

  it('answers known and unknown e-mails identically (no enumeration)', async () => {
    const known = freshEmail();
    await verify(known, await requestCode(known)).expect(200);
    await t.orm.em.getConnection().execute(`DELETE FROM auth_otp_codes WHERE email = ?`, [known]);
    const a = await request(t.http).post('/auth/otp/request').send({ email: known });
    const b = await request(t.http).post('/auth/otp/request').send({ email: freshEmail() });
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body).toEqual(b.body);
    const wrongKnown = await verify(known, '000000');
    const wrongUnknown = await verify(freshEmail(), '000000');
    expect(wrongKnown.status).toBe(401);
    expect({ ...wrongKnown.body, requestId: '' }).toEqual({ ...wrongUnknown.body, requestId: '' });
  });

  it('kills a code after 5 wrong tries: the 6th try fails even with the right code', async () => {
    const email = freshEmail();
    const code = await requestCode(email);
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) await verify(email, wrong).expect(401);
    const sixth = await verify(email, code).expect(401);
    expect(sixth.body.error).toBe('invalid_code');
    const reasons = events
      .filter((e) => e.name === USER_EVENTS.loginFailed)
      .map((e) => (e.payload as LoginFailedEvent).reason);
    expect(reasons).toEqual([
      'wrong_code',
      'wrong_code',
      'wrong_code',
      'wrong_code',
      'wrong_code',
      'too_many_attempts',
    ]);
  });

  it('rejects an expired code and a used code', async () => {
    const email = freshEmail();
    const code = await requestCode(email);
    await t.orm.em
      .getConnection()
      .execute(`UPDATE auth_otp_codes SET expires_at = now() - interval '1 second' WHERE email = ?`, [email]);
    await verify(email, code).expect(401);

    const fresh = await requestCodeAfterCooldown(email);
    await verify(email, fresh).expect(200);
    await verify(email, fresh).expect(401); // single use
  });

  it('stores only a keyed hash of the code', async () => {
    const email = freshEmail();
    const code = await requestCode(email);
    const row = firstRow(
      await t.orm.em.getConnection().execute(`SELECT code_hash FROM auth_otp_codes WHERE email = ?`, [email]),
      'the stored code',
    );
    expect(row.code_hash).not.toContain(code);
    expect(row.code_hash.length).toBeGreaterThan(30);
  });

  it('limits codes per e-mail: one a minute (429 + Retry-After), five an hour; refusals cost nothing', async () => {
    const email = freshEmail();
    await requestCode(email);
    const tooSoon = await request(t.http).post('/auth/otp/request').send({ email }).expect(429);
    expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(tooSoon.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(tooSoon.body).toMatchObject({
      error: 'rate_limited',
      message: 'Wait before requesting another code',
    });
    for (let i = 0; i < 4; i++) await requestCodeAfterCooldown(email); // codes 2–5: the 429 spent nothing
    await t.orm.em.getConnection().execute(`DELETE FROM auth_otp_codes WHERE email = ?`, [email]);
    const overHour = await request(t.http).post('/auth/otp/request').send({ email }).expect(429);
    expect(overHour.body.message).toBe('Too many requests, try again later');
    expect(Number(overHour.headers['retry-after'])).toBeLessThanOrEqual(3600);
  });

  it('emits auth events with the session from X-Session-Id', async () => {
    const email = freshEmail();
    const code = await requestCode(email);
    await verify(email, '000000');
    await verify(email, code).expect(200);
    expect(events.map((e) => e.name)).toEqual([
      USER_EVENTS.otpRequested,
      USER_EVENTS.loginFailed,
      USER_EVENTS.loginSucceeded,
    ]);
    expect((events[0]?.payload as OtpRequestedEvent | undefined)?.tracking.sessionId).toBe('sess-1');
  });

  it('rejects malformed input with 400 naming the field, and unknown fields', async () => {
    const bad = await request(t.http).post('/auth/otp/request').send({ email: 'not-an-email' }).expect(400);
    expect(bad.body.details).toEqual([
      { field: 'email', messages: ['email must be a valid e-mail address'] },
    ]);
    const extra = await request(t.http)
      .post('/auth/otp/request')
      .send({ email: freshEmail(), role: 'admin' })
      .expect(400);
    expect(extra.body.details[0].field).toBe('role');
    const code = await request(t.http)
      .post('/auth/otp/verify')
      .send({ email: freshEmail(), code: '12ab' })
      .expect(400);
    expect(code.body.details[0]).toEqual({ field: 'code', messages: ['code must be exactly 6 digits'] });
    await request(t.http).post('/auth/refresh').send({ refreshToken: 'garbage' }).expect(400);
  });

  it('rejects forged, expired and wrongly-audienced access tokens with 401', async () => {
    const email = freshEmail();
    const login = await verify(email, await requestCode(email)).expect(200);
    const claims = { sub: login.body.user.id, email, role: 'admin' };
    const forged = new JwtService({ secret: 'x'.repeat(40) }).sign(claims, {
      issuer: 'course-platform',
      audience: 'course-platform-api',
    });
    const jwt = t.app.get(JwtService);
    const expired = jwt.sign(claims, {
      issuer: 'course-platform',
      audience: 'course-platform-api',
      expiresIn: -10,
    });
    const otherAudience = jwt.sign(claims, { issuer: 'course-platform', audience: 'someone-else' });
    for (const token of [forged, expired, otherAudience, 'not.a.jwt']) {
      const res = await request(t.http).get('/users/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body.error).toBe('unauthenticated');
    }
  });
});

describe('per-IP rate limit on auth endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once an IP passes the limit, counted in PostgreSQL', async () => {
    for (let i = 0; i < 3; i++)
      await request(t.http)
        .post('/auth/otp/verify')
        .send({ email: `ip${i}@example.com`, code: '123456' })
        .expect(401);
    const limited = await request(t.http)
      .post('/auth/otp/verify')
      .send({ email: 'ip9@example.com', code: '123456' })
      .expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(120);
    // The refused request is not counted: the client is back once the window slides past its hits.
    const [row] = await t.orm.em
      .getConnection()
      .execute(`SELECT sum(hits)::int AS hits FROM rate_limit_counters WHERE key LIKE 'auth-otp-verify:%'`);
    expect(row?.hits).toBe(3);
  });
});

describe('auth clean-up job', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('purges expired codes, dead refresh tokens and old rate-limit counters, and keeps live ones', async () => {
    const conn = t.orm.em.getConnection();
    await conn.execute(`
      INSERT INTO users (id, email) VALUES ('purge-user', 'purge@example.com');
      INSERT INTO auth_otp_codes (email, code_hash, expires_at) VALUES ('old@example.com', 'h', now() - interval '1 minute'),
                                                                        ('live@example.com', 'h', now() + interval '5 minutes');
      INSERT INTO auth_refresh_tokens (id, user_id, family, secret_hash, expires_at, revoked_at) VALUES
        ('rt-expired', 'purge-user', 'f1', 'h', now() - interval '8 days', NULL),
        ('rt-revoked', 'purge-user', 'f2', 'h', now() + interval '20 days', now() - interval '8 days'),
        ('rt-recently-revoked', 'purge-user', 'f3', 'h', now() + interval '20 days', now() - interval '1 day'),
        ('rt-live', 'purge-user', 'f4', 'h', now() + interval '20 days', NULL);
      INSERT INTO rate_limit_counters (key, window_start, hits, expires_at) VALUES
        ('old', now() - interval '2 hours', 3, now() - interval '1 hour'), ('live', now(), 1, now() + interval '1 minute');`);
    const purged = await t.app.get(AuthPurgeJob).run();
    expect(purged).toEqual({ otpCodes: 1, refreshTokens: 2, rateLimitCounters: 1 });
    const left = await conn.execute(`SELECT
      (SELECT array_agg(email ORDER BY email) FROM auth_otp_codes) AS codes,
      (SELECT array_agg(id ORDER BY id) FROM auth_refresh_tokens) AS tokens,
      (SELECT array_agg(key ORDER BY key) FROM rate_limit_counters) AS counters`);
    expect(left[0]).toEqual({
      codes: ['live@example.com'],
      tokens: ['rt-live', 'rt-recently-revoked'],
      counters: ['live'],
    });
  });
});
