import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/** Routes that are public on purpose. Anything else must demand a valid token. */
const PUBLIC_ROUTES = new Set([
  'GET /health',
  'GET /health/ready',
  'POST /auth/otp/request',
  'POST /auth/otp/verify',
  'POST /auth/refresh',
  'POST /auth/logout',
  'GET /courses',
  'GET /courses/:id',
  'POST /analytics/events',
  'POST /analytics/sessions',
]);

interface Route {
  method: string;
  path: string;
}

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route the HTTP server really serves, read from Express's router (not from our own lists). */
function servedRoutes(t: TestApp): Route[] {
  const express = t.app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  return (
    express.router.stack
      // '/{*splat}' is Nest's catch-all (404 and CORS preflight), not an endpoint.
      .filter(
        (layer) => layer.route && !layer.route.path.startsWith('/docs') && !layer.route.path.includes('*'),
      )
      .flatMap((layer) =>
        Object.keys(layer.route!.methods)
          .filter((m) => m !== '_all')
          .map((m) => ({ method: m.toUpperCase(), path: layer.route!.path })),
      )
  );
}

const key = (r: Route) => `${r.method} ${r.path}`;
const concrete = (path: string) => path.replace(/:(\w+)/g, 'does-not-exist');
const call = (t: TestApp, r: Route) =>
  request(t.http)[r.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](concrete(r.path));

describe('every route is public on purpose or guarded', () => {
  let t: TestApp;
  let routes: Route[];
  let swagger: {
    paths: Record<
      string,
      Record<string, { security?: unknown[]; responses: Record<string, { description: string }> }>
    >;
  };

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '10000' });
    routes = servedRoutes(t);
    swagger = (await request(t.http).get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  const operation = (r: Route) => swagger.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];

  it('finds the routes, and Swagger documents every one of them', () => {
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes)
      expect({ route: key(r), documented: Boolean(operation(r)) }).toEqual({
        route: key(r),
        documented: true,
      });
  });

  it('rejects a missing, forged or expired token with 401 on every non-public route', async () => {
    const jwt = t.app.get(JwtService);
    const claims = { sub: 'someone', email: 'someone@example.com', role: 'admin' };
    const expired = jwt.sign(claims, {
      issuer: 'course-platform',
      audience: 'course-platform-api',
      expiresIn: -1,
    });
    const forged = new JwtService({ secret: 'f'.repeat(40) }).sign(claims, {
      issuer: 'course-platform',
      audience: 'course-platform-api',
    });
    for (const r of routes.filter((r) => !PUBLIC_ROUTES.has(key(r)))) {
      for (const auth of [undefined, `Bearer ${expired}`, `Bearer ${forged}`]) {
        const req = call(t, r);
        if (auth) req.set('Authorization', auth);
        const res = await req;
        expect({ route: key(r), auth: auth?.slice(0, 12), status: res.status }).toEqual({
          route: key(r),
          auth: auth?.slice(0, 12),
          status: 401,
        });
      }
      expect({ route: key(r), security: operation(r)?.security }).toEqual({
        route: key(r),
        security: [{ bearer: [] }],
      });
    }
  });

  it('rejects a student with 403 on every role-restricted route', async () => {
    const student = await createUserWithTokens(t, 'student');
    const restricted = routes.filter((r) =>
      operation(r)?.responses['403']?.description.startsWith('Requires role'),
    );
    expect(restricted.length).toBeGreaterThan(0);
    for (const r of restricted) {
      const res = await call(t, r).set(student.auth);
      expect({ route: key(r), status: res.status }).toEqual({ route: key(r), status: 403 });
    }
  });

  it('keeps public routes reachable without a token', async () => {
    for (const r of routes.filter((r) => PUBLIC_ROUTES.has(key(r)))) {
      const res = await call(t, r);
      expect({
        route: key(r),
        unauthorized: res.status === 401 && res.body.error === 'unauthenticated',
      }).toEqual({
        route: key(r),
        unauthorized: false,
      });
    }
  });
});
