import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Router as AdminRoutes } from 'adminjs';
import request from 'supertest';
import { createAccount, signIn, signInAs } from './utils/admin.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/** The login page's scripts: the only back-office paths besides the login page open to anyone. */
const PUBLIC_ASSETS = [
  'global.bundle.js',
  'design-system.bundle.js',
  'app.bundle.js',
  'components.bundle.js',
].map((file) => `/admin/frontend/assets/${file}`);

/** Every route AdminJS serves (its own route table), with placeholders filled in. */
function adminRoutes(): { method: 'GET' | 'POST'; path: string }[] {
  const fill = (path: string) =>
    `/admin${path}`.replace(/\{(\w+)\}/g, (_m, name: string) =>
      name === 'resourceId'
        ? 'courses'
        : name === 'action'
          ? 'list'
          : name === 'pageName'
            ? 'analyticsRollup'
            : 'x',
    );
  return [
    ...AdminRoutes.routes.map((route) => ({
      method: route.method as 'GET' | 'POST',
      path: fill(route.path),
    })),
    ...AdminRoutes.assets.map((asset) => ({
      method: 'GET' as const,
      path: `/admin${asset.path}`,
    })),
    { method: 'GET', path: '/admin/no-such-page' },
    { method: 'POST', path: '/admin/api/resources/users/actions/new' },
    { method: 'POST', path: '/admin/api/resources/users/records/x/delete' },
  ];
}

describe('back office: who gets in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows the login page to anyone', async () => {
    const res = await request(t.http).get('/admin/login').expect(200);
    expect(res.text).toContain('<!DOCTYPE html>');
    expect(res.headers['content-type']).toMatch(/html/);
  });

  it('signs in staff and admins with e-mail + password, in a PostgreSQL session with a safe cookie', async () => {
    for (const role of ['staff', 'admin'] as const) {
      const account = await createAccount(t, role);
      const res = await request(t.http).post('/admin/login').type('form').send({
        email: account.email.toUpperCase(),
        password: account.password,
      });
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('/admin');
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/^cp_admin=/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\/admin/);
      expect(cookie).toMatch(/Expires=/); // idle timeout: the cookie expires, and rolls on every request
    }
    const rows = await t.orm.em
      .fork()
      .getConnection()
      .execute<{ role: string }[]>(
        `SELECT sess->'adminUser'->>'role' AS role FROM admin_sessions WHERE expire > now() ORDER BY role`,
      );
    expect(rows.map((r) => r.role)).toEqual(['admin', 'staff']);
  });

  it('refuses students with the same answer as a wrong password or an unknown address', async () => {
    const student = await createAccount(t, 'student');
    const staff = await createAccount(t, 'staff');
    const answers = await Promise.all(
      [
        { email: student.email, password: student.password },
        { email: staff.email, password: 'wrong password!' },
        { email: 'nobody@example.com', password: 'whatever password' },
      ].map((form) => request(t.http).post('/admin/login').type('form').send(form)),
    );
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.text).toContain('invalidCredentials');
    }
    // The same page but for the per-response CSP nonce.
    const withoutNonce = (text: string) => text.replace(/nonce="[^"]+"/g, 'nonce=""');
    expect(new Set(answers.map((r) => withoutNonce(r.text))).size).toBe(1);
  });

  it('ends the session on logout, and when the user is demoted or deleted', async () => {
    const { agent, account } = await signInAs(t, 'staff');
    await agent.get('/admin/api/resources/courses/actions/list').expect(200);
    await t.orm.em
      .fork()
      .getConnection()
      .execute(`UPDATE users SET role = 'student' WHERE id = ?`, [account.id]);
    await agent.get('/admin/api/resources/courses/actions/list').expect(401);

    const second = await signInAs(t, 'staff');
    // GET no longer signs out (a link or an image on another site could); POST from this site does.
    await second.agent.get('/admin/logout').expect(405);
    await second.agent.get('/admin/api/resources/courses/actions/list').expect(200);
    await second.agent
      .post('/admin/logout')
      .set('Origin', 'https://evil.example')
      .expect(403)
      .expect((r) => expect(r.body.error).toBe('cross_site_request'));
    await second.agent.get('/admin/api/resources/courses/actions/list').expect(200);
    await second.agent.post('/admin/logout').expect(303).expect('location', '/admin/login');
    await second.agent.get('/admin/api/resources/courses/actions/list').expect(401);
  });

  it('walks every AdminJS route: nothing but the login page and its scripts answers without a staff session', async () => {
    const routes = adminRoutes();
    expect(routes.length).toBeGreaterThan(25);
    const forged = 'cp_admin=s%3Aforged-session-id.c2lnbmF0dXJl';
    for (const route of routes) {
      for (const cookie of [undefined, forged]) {
        const req =
          route.method === 'GET'
            ? request(t.http).get(route.path)
            : request(t.http).post(route.path).field('title', 'x');
        if (cookie) req.set('Cookie', cookie);
        const res = await req;
        const outcome = PUBLIC_ASSETS.includes(route.path)
          ? res.status !== 401 && res.status !== 302 // 200, or 503 where no bundle was built
          : route.path.startsWith('/admin/api/')
            ? res.status === 401 && res.body.error === 'unauthenticated'
            : res.status === 302 && res.headers.location === '/admin/login';
        expect({
          route: `${route.method} ${route.path}`,
          cookie: Boolean(cookie),
          status: res.status,
          asExpected: outcome,
        }).toEqual({
          route: `${route.method} ${route.path}`,
          cookie: Boolean(cookie),
          status: res.status,
          asExpected: true,
        });
      }
    }
  });

  it('keeps the REST API as it was: JSON bodies, validation and the error shape', async () => {
    const invalid = await request(t.http)
      .post('/auth/otp/request')
      .send({ email: 'not-an-email', extra: 1 })
      .expect(400);
    expect(invalid.body).toMatchObject({
      statusCode: 400,
      error: 'validation_failed',
      requestId: expect.any(String),
    });
    expect(invalid.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'email' })]),
    );
    const malformed = await request(t.http)
      .post('/auth/otp/request')
      .set('Content-Type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(malformed.body).toMatchObject({
      statusCode: 400,
      error: 'bad_request',
    });
    await request(t.http)
      .get('/no-such-route')
      .expect(404)
      .expect((r) => expect(r.body.error).toBe('not_found'));
    // A form body is still parsed for the API (urlencoded), and the back office's parser never ran on it.
    const form = await request(t.http)
      .post('/auth/otp/request')
      .type('form')
      .send({ email: 'not-an-email' })
      .expect(400);
    expect(form.body.error).toBe('validation_failed');
  });

  it('runs ahead of the API’s body parsers, middleware and routes (the early mount, early-mount.ts)', async () => {
    // A form post whose body the API's urlencoded parser would have read first: formidable then
    // waits for a body that never comes, and the login does not answer 302.
    const account = await createAccount(t, 'staff');
    const agent = await signIn(t, account);
    // Behind the API's routes, AdminJS's API would be answered by Nest's 404 handler.
    const page = await agent.get('/admin/api/resources/users/actions/list').expect(200);
    expect(page.body.records).toEqual(expect.any(Array));
    // Nest's 404 handler never answers an /admin path; the back office's own headers are on it.
    const login = await request(t.http).get('/admin/login').expect(200);
    expect(login.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
  });
});

describe('back office: login attempts are rate limited', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 after the limit, even with the right password', async () => {
    const account = await createAccount(t, 'admin');
    for (let i = 0; i < 3; i += 1) {
      await request(t.http)
        .post('/admin/login')
        .type('form')
        .send({ email: account.email, password: 'wrong password!' })
        .expect(401);
    }
    const blocked = await request(t.http).post('/admin/login').type('form').send(account).expect(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    await expect(signIn(t, account)).rejects.toThrow(/429/);
  });
});
