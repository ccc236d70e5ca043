import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { codeFrom, startSmtpSink } from './utils/smtp.js';

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

/**
 * What an attacker can and cannot do to the e-mail login (docs/security.md): refused requests
 * spend nothing, one client cannot use up an address's allowance, guesses are bounded per code,
 * per client and address, per address, and platform-wide. Clients are told apart by
 * X-Forwarded-For (TRUST_PROXY), as behind a load balancer.
 */
describe('login code limits', () => {
  let t: TestApp;
  let smtp: Sink;
  let n = 0;
  const freshEmail = () => `limits${++n}-${Date.now()}@example.com`;
  let clients = 0;
  const freshClient = () => `198.51.100.${++clients}`;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await createTestApp({
      SMTP_URL: smtp.url,
      TRUST_PROXY: 'true',
      AUTH_RATE_LIMIT_PER_MINUTE: '10000',
      AUTH_OTP_FAILURE_BUDGET_PER_HOUR: '0',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const sql = (text: string, params: unknown[] = []) => t.orm.em.getConnection().execute(text, params);
  const ask = (email: string, client: string) =>
    request(t.http).post('/auth/otp/request').set('X-Forwarded-For', client).send({ email });
  const verify = (app: TestApp, email: string, code: string, client: string) =>
    request(app.http).post('/auth/otp/verify').set('X-Forwarded-For', client).send({ email, code });
  /** The one-a-minute rule is not what these tests are about: let the last code age. */
  const age = (email: string) =>
    sql(`UPDATE auth_otp_codes SET created_at = now() - interval '2 minutes' WHERE email = ?`, [email]);
  const codeFor = async (email: string, client: string) => {
    await age(email);
    await ask(email, client).expect(202);
    return codeFrom(await smtp.waitFor(email));
  };
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('a burst of requests gets one code and spends nothing else of the hour', async () => {
    const email = freshEmail();
    const client = freshClient();
    const burst = await Promise.all([1, 2, 3, 4, 5].map(() => ask(email, client)));
    expect(burst.map((r) => r.status).sort()).toEqual([202, 429, 429, 429, 429]);
    // The owner still has four codes this hour from the same client (five in all).
    for (let i = 0; i < 4; i++) await codeFor(email, client);
    const fifth = await (await age(email), ask(email, client)).expect(429);
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(60);
    expect(Number(fifth.headers['retry-after'])).toBeLessThanOrEqual(3600);
  });

  it('one client cannot use up an address: another client still gets codes, until twenty an hour', async () => {
    const email = freshEmail();
    const attacker = freshClient();
    for (let i = 0; i < 5; i++) await codeFor(email, attacker);
    await (await age(email), ask(email, attacker)).expect(429);
    // The owner, elsewhere, is not locked out.
    const owner = freshClient();
    const code = await codeFor(email, owner);
    await verify(t, email, code, owner).expect(200);
    // Twenty an hour per address from all clients together: it takes four clients to reach it.
    const others = [freshClient(), freshClient(), freshClient()];
    for (const other of others) for (let i = 0; i < 5; i++) await (await age(email), ask(email, other));
    await (await age(email), ask(email, freshClient())).expect(429);
  });

  it('counts wrong codes per client and address: ten a day, whatever the codes; right codes do not count', async () => {
    const email = freshEmail();
    const guesser = freshClient();
    let code = await codeFor(email, guesser);
    for (let i = 0; i < 10; i++) {
      if (i % 4 === 3) code = await codeFor(email, guesser); // a fresh code each few tries
      await verify(t, email, wrong(code), guesser).expect(401);
    }
    code = await codeFor(email, guesser);
    const blocked = await verify(t, email, code, guesser).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(3600);
    // Another client logs in with the right code; its success leaves no count behind.
    const owner = freshClient();
    await verify(t, email, code, owner).expect(200);
    const rows = await sql(
      `SELECT coalesce(sum(hits), 0)::int AS hits FROM rate_limit_counters WHERE key = ?`,
      [`otp-fail:${owner}:${email}`],
    );
    expect(rows).toEqual([{ hits: 0 }]);
  });

  it('counts an IPv6 client by its /64: rotating addresses inside it buys no more guesses', async () => {
    const email = freshEmail();
    const net = '2001:db8:77:88';
    let code = await codeFor(email, `${net}::1`);
    for (let i = 0; i < 10; i++) {
      if (i % 4 === 3) code = await codeFor(email, `${net}::${i + 1}`);
      await verify(t, email, wrong(code), `${net}:${(i + 1).toString(16)}::${i + 1}`).expect(401);
    }
    code = await codeFor(email, `${net}::fe`);
    await verify(t, email, code, `${net}:ffff:ffff:ffff:ffff`).expect(429);
    // The next /64 is another client.
    await verify(t, email, code, '2001:db8:77:89::1').expect(200);
  });

  it('bounds wrong codes per address from all clients at a hundred a day', async () => {
    const email = freshEmail();
    for (let c = 0; c < 10; c++) {
      const client = freshClient();
      const code = await codeFor(email, client);
      for (let i = 0; i < 10; i++) {
        // Five tries kill a code; the daily count goes on regardless (an absent code counts too).
        await verify(t, email, wrong(code), client).expect(401);
      }
    }
    const late = freshClient();
    await sql(`DELETE FROM rate_limit_counters WHERE key LIKE 'otp-request:%'`);
    const code = await codeFor(email, late);
    await verify(t, email, code, late).expect(429);
  });

  it('past the platform-wide budget, clients that failed wait; others still log in', async () => {
    const budgeted = await createTestApp({
      SMTP_URL: smtp.url,
      TRUST_PROXY: 'true',
      AUTH_RATE_LIMIT_PER_MINUTE: '10000',
      AUTH_OTP_FAILURE_BUDGET_PER_HOUR: '3',
    });
    try {
      const [a, b, c, d] = [freshClient(), freshClient(), freshClient(), freshClient()];
      for (const client of [a, b, c]) await verify(budgeted, freshEmail(), '000000', client).expect(401);
      const refused = await verify(budgeted, freshEmail(), '000000', a).expect(429);
      expect(refused.body.message).toBe('Too many failed logins right now: try again later');
      // A client without a wrong code logs in as usual.
      const email = freshEmail();
      await request(budgeted.http)
        .post('/auth/otp/request')
        .set('X-Forwarded-For', d)
        .send({ email })
        .expect(202);
      await verify(budgeted, email, codeFrom(await smtp.waitFor(email)), d).expect(200);
    } finally {
      await budgeted.close();
    }
  });
});
