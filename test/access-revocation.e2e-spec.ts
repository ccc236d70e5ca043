import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestContext } from '@mikro-orm/postgresql';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { TokenService } from '../src/modules/users/auth/token.service.js';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * Access tokens die with their login session, at once and on every instance: logout, logout-all,
 * a role or e-mail change, a refresh-token reuse and a deleted account each end API access
 * (including the ingestion route served ahead of Nest) without waiting for the token to expire.
 *
 * `b` is a second instance on the same database. (Passport keeps strategies in a process-wide
 * registry, so in one test process both apps' guards use the last app's JWT strategy; the
 * ingestion route checks tokens with each instance's own verifier and session memory, so the
 * cross-instance checks below go through it.)
 */
describe('access tokens end with their login session', () => {
  let a: TestApp;
  let b: TestApp; // a second instance on the same database
  const sql = <T>(text: string, params: unknown[] = []) =>
    a.orm.em.getConnection().execute<T[]>(text, params);

  const env = {
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    JWT_SECRET: 'revocation-test-jwt-secret-0123456789abcdef',
    OTP_SECRET: 'revocation-test-otp-secret-0123456789abcdef',
  };
  beforeAll(async () => {
    a = await createTestApp(env);
    b = await createTestApp(env, a);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const me = (t: TestApp, auth: { Authorization: string }) => request(t.http).get('/users/me').set(auth);
  const ingest = (t: TestApp, auth: { Authorization: string }, sessionId: string) =>
    request(t.http)
      .post('/analytics/events')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ eventType: 'we_page_load', page: '/x', sessionId }));
  /** Notifications travel over another connection: give them a moment, as a client's next click would. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

  it('logout ends the access token on both instances, the ingestion route included', async () => {
    const s = await createUserWithTokens(a);
    // Both instances have seen (and remembered) the session.
    await me(a, s.auth).expect(200);
    await me(b, s.auth).expect(200);
    await ingest(b, s.auth, 'rev-logout-before').expect(201);

    await request(a.http).post('/auth/logout').send({ refreshToken: s.refreshToken }).expect(204);
    await settle();
    await me(a, s.auth).expect(401);
    await me(b, s.auth).expect(401);
    await ingest(a, s.auth, 'rev-logout-after').expect(401);
    await ingest(b, s.auth, 'rev-logout-after').expect(401);
    const rows = await sql<{ session_id: string }>(
      `SELECT session_id FROM analytics_events WHERE user_id = ? ORDER BY session_id`,
      [s.user.id],
    );
    expect(rows.map((r) => r.session_id)).toEqual(['rev-logout-before']);
  });

  it('logout-all ends every session of the user, another session of someone else lives on', async () => {
    const first = await createUserWithTokens(a, 'student', `rev-all-${Date.now()}@example.com`);
    const second = await RequestContext.create(a.orm.em, () =>
      a.app.get(TokenService).issueForLogin(first.user),
    );
    const other = await createUserWithTokens(a);
    const secondAuth = { Authorization: `Bearer ${second.accessToken}` };
    for (const auth of [first.auth, secondAuth, other.auth]) await ingest(b, auth, 'rev-all').expect(201);

    await request(a.http).post('/auth/logout-all').set(first.auth).expect(204);
    await settle();
    await ingest(b, first.auth, 'rev-all').expect(401);
    await ingest(b, secondAuth, 'rev-all').expect(401);
    await ingest(b, other.auth, 'rev-all').expect(201);
    await me(a, secondAuth).expect(401);
  });

  it('a demoted staff member loses staff routes at once; the new role needs a new login', async () => {
    const admin = await createUserWithTokens(a, 'admin');
    const staff = await createUserWithTokens(a, 'staff');
    await request(b.http).get('/users').set(staff.auth).expect(200);
    await ingest(b, staff.auth, 'rev-demoted').expect(201);

    await request(a.http)
      .patch(`/users/${staff.user.id}`)
      .set(admin.auth)
      .send({ role: 'student' })
      .expect(200);
    await settle();
    await request(b.http).get('/users').set(staff.auth).expect(401);
    await ingest(b, staff.auth, 'rev-demoted').expect(401);
    // The refresh token died too: nothing carries the old role on.
    await request(b.http).post('/auth/refresh').send({ refreshToken: staff.refreshToken }).expect(401);
  });

  it('a role or e-mail changed outside the API (back office, SQL) also ends the token', async () => {
    const staff = await createUserWithTokens(a, 'staff');
    const learner = await createUserWithTokens(a);
    await ingest(b, staff.auth, 'rev-sql').expect(201);
    await ingest(b, learner.auth, 'rev-sql').expect(201);

    await sql(`UPDATE users SET role = 'student' WHERE id = ?`, [staff.user.id]);
    await sql(`UPDATE users SET email = ? WHERE id = ?`, [
      `moved-${Date.now()}@example.com`,
      learner.user.id,
    ]);
    await settle();
    await ingest(b, staff.auth, 'rev-sql').expect(401);
    await ingest(b, learner.auth, 'rev-sql').expect(401);
    await me(a, staff.auth).expect(401);
  });

  it('a deleted account can no longer ingest events under its id', async () => {
    const admin = await createUserWithTokens(a, 'admin');
    const gone = await createUserWithTokens(a);
    await ingest(b, gone.auth, 'rev-deleted-before').expect(201);

    await request(a.http).delete(`/users/${gone.user.id}`).set(admin.auth).expect(204);
    await settle();
    await ingest(b, gone.auth, 'rev-deleted-after').expect(401);
    await me(b, gone.auth).expect(401);
    const after = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM analytics_events WHERE session_id = 'rev-deleted-after'`,
    );
    expect(after).toEqual([{ n: 0 }]);
  });

  it('a reused refresh token (theft) ends the access tokens of that login session', async () => {
    const s = await createUserWithTokens(a);
    await ingest(b, s.auth, 'rev-reuse').expect(201);
    const rotated = await request(a.http)
      .post('/auth/refresh')
      .send({ refreshToken: s.refreshToken })
      .expect(200);
    const newAuth = { Authorization: `Bearer ${rotated.body.accessToken as string}` };
    await ingest(b, newAuth, 'rev-reuse').expect(201);

    await request(a.http).post('/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
    await settle();
    await ingest(b, s.auth, 'rev-reuse').expect(401);
    await ingest(b, newAuth, 'rev-reuse').expect(401);
  });

  it('trusts nothing it remembered while its change listener was away', async () => {
    const s = await createUserWithTokens(a);
    await ingest(a, s.auth, 'rev-unheard').expect(201);
    await ingest(b, s.auth, 'rev-unheard').expect(201);
    // Cut every listening connection, then end the session while nobody listens.
    await sql(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND query LIKE 'LISTEN %'`,
    );
    await sql(`UPDATE auth_refresh_tokens SET revoked_at = now() WHERE user_id = ?`, [s.user.id]);
    await ingest(a, s.auth, 'rev-unheard').expect(401);
    await ingest(b, s.auth, 'rev-unheard').expect(401);
  });

  it('refuses a token without a login session id (issued before sessions were checked)', async () => {
    const s = await createUserWithTokens(a);
    const jwt = a.app.get(JwtService);
    const { sub, email, role } = jwt.decode<Record<string, string>>(s.accessToken);
    const legacy = jwt.sign(
      { sub, email, role },
      { issuer: 'course-platform', audience: 'course-platform-api' },
    );
    await me(a, { Authorization: `Bearer ${legacy}` }).expect(401);
  });
});
