import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type { Role } from '../src/common/auth/auth-user.js';
import {
  documentedRoutes,
  routeKey,
  servedApiRoutes,
  watchBackOfficeRouter,
  type OpenApiOperations,
  type Route,
} from './support/route-walk.js';
import { createAccount, signInAs } from './utils/admin.js';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { defined } from '../src/common/assert/defined.js';
import { REPORT_PATHS } from './fixtures/report-paths.js';

/**
 * Who may call each route, written down here rather than read from the routes' own decorators or
 * Swagger text (a route that forgot `@Roles` would then be invisible): `public` needs nothing,
 * `user` any valid access token, `staff` a staff or admin token, `admin` an admin token. For the
 * back office (`/admin`), `staff` is a signed-in staff or admin session. A route served but not
 * listed here, or listed but not served, fails the first test: a new route needs a line.
 */
const ROUTE_ACCESS: Record<string, 'public' | 'user' | 'staff' | 'admin'> = {
  'GET /health': 'public',
  'GET /health/ready': 'public',
  'POST /auth/otp/request': 'public',
  'POST /auth/otp/verify': 'public',
  'POST /auth/refresh': 'public',
  'POST /auth/logout': 'public',
  'POST /auth/logout-all': 'user',
  'GET /users/me': 'user',
  'PATCH /users/me': 'user',
  'GET /users': 'staff',
  'GET /users/:userId': 'staff',
  'PATCH /users/:userId': 'admin',
  'DELETE /users/:userId': 'admin',
  'GET /courses': 'public',
  'GET /courses/:courseId': 'public',
  'POST /courses': 'staff',
  'PATCH /courses/:courseId': 'staff',
  'DELETE /courses/:courseId': 'staff',
  'POST /courses/:courseId/modules': 'staff',
  'PUT /courses/:courseId/modules/order': 'staff',
  'PATCH /courses/:courseId/modules/:moduleId': 'staff',
  'DELETE /courses/:courseId/modules/:moduleId': 'staff',
  'PUT /courses/:courseId/modules/:moduleId/topics/order': 'staff',
  'POST /courses/:courseId/topics': 'staff',
  'PUT /courses/:courseId/topics/order': 'staff',
  'PATCH /courses/:courseId/topics/:topicId': 'staff',
  'DELETE /courses/:courseId/topics/:topicId': 'staff',
  'POST /courses/:courseId/topics/:topicId/classes': 'staff',
  'PUT /courses/:courseId/topics/:topicId/classes/order': 'staff',
  'PATCH /courses/:courseId/classes/:classId': 'staff',
  'DELETE /courses/:courseId/classes/:classId': 'staff',
  'GET /courses/:courseId/classes/:classId': 'user',
  'POST /courses/:courseId/access': 'staff',
  'POST /courses/:courseId/access/bulk': 'staff',
  'DELETE /courses/:courseId/access/:userId': 'staff',
  'GET /courses/:courseId/members': 'staff',
  'PUT /progress/classes/:classId': 'user',
  'GET /progress/courses/:courseId': 'user',
  'GET /me/courses': 'user',
  'GET /me/continue': 'user',
  'POST /analytics/events': 'public',
  'POST /analytics/sessions': 'public',
  ...Object.fromEntries(REPORT_PATHS.map((report) => [`GET /analytics/reports/${report}`, 'staff' as const])),
  // The back office: sign-in and what its page loads before sign-in; everything else is staff's.
  'GET /admin/login': 'public',
  'POST /admin/login': 'public',
  'GET /admin/logout': 'public',
  'POST /admin/logout': 'public',
  'GET /admin/frontend/assets/global.bundle.js': 'public',
  'GET /admin/frontend/assets/design-system.bundle.js': 'public',
  'GET /admin/frontend/assets/app.bundle.js': 'public',
  'GET /admin/frontend/assets/components.bundle.js': 'public',
  'GET /admin/frontend/assets/icomoon.css': 'staff',
  'GET /admin/frontend/assets/icomoon.eot': 'staff',
  'GET /admin/frontend/assets/icomoon.svg': 'staff',
  'GET /admin/frontend/assets/icomoon.ttf': 'staff',
  'GET /admin/frontend/assets/icomoon.woff': 'staff',
  'GET /admin/frontend/assets/logo.svg': 'staff',
  'GET /admin/frontend/assets/logo-mini.svg': 'staff',
  'GET /admin': 'staff',
  'GET /admin/resources/:resourceId': 'staff',
  'GET /admin/resources/:resourceId/actions/:action': 'staff',
  'GET /admin/resources/:resourceId/records/:recordId/:action': 'staff',
  'GET /admin/resources/:resourceId/bulk/:action': 'staff',
  'GET /admin/pages/:pageName': 'staff',
  'GET /admin/api/dashboard': 'staff',
  'GET /admin/api/resources/:resourceId/search': 'staff',
  'GET /admin/api/resources/:resourceId/search/:query': 'staff',
  'GET /admin/api/resources/:resourceId/actions/:action': 'staff',
  'GET /admin/api/resources/:resourceId/actions/:action/:query': 'staff',
  'POST /admin/api/resources/:resourceId/actions/:action': 'staff',
  'GET /admin/api/resources/:resourceId/records/:recordId/:action': 'staff',
  'POST /admin/api/resources/:resourceId/records/:recordId/:action': 'staff',
  'GET /admin/api/resources/:resourceId/bulk/:action': 'staff',
  'POST /admin/api/resources/:resourceId/bulk/:action': 'staff',
  'GET /admin/api/pages/:pageName': 'staff',
  'POST /admin/api/pages/:pageName': 'staff',
};

const REQUIRED_ROLE_DOC = { staff: 'Requires role: staff or admin', admin: 'Requires role: admin' };

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const isBackOffice = (r: Route) => r.path === '/admin' || r.path.startsWith('/admin/');
/** A URL for the route: unknown ids in the API; in the back office, a resource staff may use. */
function concrete(r: Route): string {
  if (!isBackOffice(r)) return r.path.replace(/:(\w+)/g, 'does-not-exist');
  const action = r.path.includes('/records/')
    ? r.method === 'GET'
      ? 'show'
      : 'edit'
    : r.path.includes('/bulk/')
      ? 'bulkDelete'
      : r.method === 'GET'
        ? 'list'
        : 'new';
  const values: Record<string, string> = {
    resourceId: 'courses',
    recordId: 'does-not-exist',
    pageName: 'analyticsRollup',
    query: 'x',
    action,
  };
  const url = r.path.replace(/:(\w+)/g, (_m, name: string) => defined(values[name], `a value for :${name}`));
  // A bulk page without `recordIds` is a 500 of AdminJS's (a plain Error): not what this walk is about.
  return r.path.includes('/bulk/') ? `${url}?recordIds=does-not-exist` : url;
}
const call = (caller: TestAgent | ReturnType<typeof request>, r: Route) =>
  caller[r.method.toLowerCase() as Method](concrete(r));
/** Turned away for who the caller is (as opposed to, say, a 404 for the unknown id). */
const refusedByRole = (res: request.Response) => res.status === 403 && res.body.error === 'forbidden';
const sentToLogin = (res: request.Response) =>
  (res.status === 302 && res.headers.location === '/admin/login') ||
  (res.status === 401 && res.body.error === 'unauthenticated');

describe('every route has its expected access', () => {
  let t: TestApp;
  let api: Route[];
  let backOffice: Route[];
  let doc: OpenApiOperations;
  // Undefined for a route the table lacks (the first test fails on those).
  const access = (r: Route) => ROUTE_ACCESS[routeKey(r)];
  const apiWith = (...levels: string[]) => api.filter((r) => levels.some((level) => level === access(r)));
  const backOfficeWith = (level: string) => backOffice.filter((r) => access(r) === level);

  beforeAll(async () => {
    const watched = watchBackOfficeRouter();
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '10000' });
    backOffice = watched.routes();
    api = servedApiRoutes(t);
    doc = (await request(t.http).get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  const operation = (r: Route) => doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
  const sorted = (routes: Route[]) => routes.map(routeKey).sort();

  it('lists every route served (API and back office) and documented, and only those', () => {
    expect(api.length).toBeGreaterThan(50);
    expect(backOffice.length).toBeGreaterThan(30);
    const served = new Set([...sorted(api), ...sorted(backOffice)]);
    expect({
      servedNotInTheTable: [...served].filter((k) => !(k in ROUTE_ACCESS)),
      inTheTableNotServed: Object.keys(ROUTE_ACCESS).filter((k) => !served.has(k)),
    }).toEqual({ servedNotInTheTable: [], inTheTableNotServed: [] });
    // Swagger documents exactly the API that Express serves.
    expect(sorted(documentedRoutes(doc))).toEqual(sorted(api));
  });

  it('documents the access of every API route as the table has it', () => {
    for (const r of api) {
      const level = access(r);
      const documented = {
        route: routeKey(r),
        security: operation(r)?.security ?? null,
        roles: operation(r)?.responses['403']?.description.startsWith('Requires role')
          ? operation(r)?.responses['403']?.description
          : null,
      };
      expect(documented).toEqual({
        route: routeKey(r),
        // A public route needs nothing (`[]`), or takes a token when it has one (`[{}, { bearer: [] }]`:
        // analytics events, a course's outline). Reports also open to API keys (test/api-keys).
        security:
          level === 'public'
            ? ['[]', '[{},{"bearer":[]}]'].includes(JSON.stringify(documented.security))
              ? documented.security
              : 'neither [] nor [{}, { bearer: [] }]'
            : r.path.startsWith('/analytics/reports/')
              ? [{ bearer: [] }, { apiKey: [] }]
              : [{ bearer: [] }],
        roles: level === 'staff' || level === 'admin' ? REQUIRED_ROLE_DOC[level] : null,
      });
    }
  });

  it('answers every route that needs a login 401 without a valid token, and public ones without one', async () => {
    const jwt = t.app.get(JwtService);
    const claims = { sub: 'someone', email: 'someone@example.com', role: 'admin' };
    const options = { issuer: 'course-platform', audience: 'course-platform-api' };
    const expired = jwt.sign(claims, { ...options, expiresIn: -1 });
    const forged = new JwtService({ secret: 'f'.repeat(40) }).sign(claims, options);
    for (const r of apiWith('user', 'staff', 'admin')) {
      for (const token of [undefined, expired, forged]) {
        const req = call(request(t.http), r);
        if (token) req.set('Authorization', `Bearer ${token}`);
        const res = await req;
        const seen = { route: routeKey(r), token: token?.slice(-8), status: res.status };
        expect(seen).toEqual({ ...seen, status: 401 });
      }
    }
    for (const r of apiWith('public')) {
      const res = await call(request(t.http), r);
      const seen = { route: routeKey(r), unauthenticated: res.status === 401 || refusedByRole(res) };
      expect(seen).toEqual({ ...seen, unauthenticated: false });
    }
  });

  /** Each call with a new user of the role: a route like logout-all must not spoil the next. */
  async function expectRoleAnswers(role: Role, admittedTo: string[]): Promise<void> {
    for (const r of apiWith('user', 'staff', 'admin')) {
      const { auth } = await createUserWithTokens(t, role);
      const res = await call(request(t.http), r).set(auth);
      const admitted = admittedTo.some((level) => level === access(r));
      const seen = { route: routeKey(r), role, status: res.status, body: res.body?.error };
      if (admitted)
        expect({ ...seen, turnedAway: res.status === 401 || refusedByRole(res) }).toEqual({
          ...seen,
          turnedAway: false,
        });
      else expect(seen).toEqual({ ...seen, status: 403, body: 'forbidden' });
    }
  }

  it('lets a student use the routes of any logged-in user and refuses them (403) the staff and admin ones', () =>
    expectRoleAnswers('student', ['user']));

  it('lets staff use the staff routes and refuses them (403) the admin ones', () =>
    expectRoleAnswers('staff', ['user', 'staff']));

  it('lets an admin use every route', () => expectRoleAnswers('admin', ['user', 'staff', 'admin']));

  it('sends anyone without a back-office session to the login page (API calls: 401), except to sign in', async () => {
    for (const r of backOfficeWith('staff')) {
      const res = await call(request(t.http), r);
      const seen = { route: routeKey(r), status: res.status, location: res.headers.location ?? null };
      expect(seen).toEqual(
        r.path.startsWith('/admin/api/')
          ? { ...seen, status: 401, location: null }
          : { ...seen, status: 302, location: '/admin/login' },
      );
    }
    for (const r of backOfficeWith('public')) {
      const res = await call(request(t.http), r);
      const seen = { route: routeKey(r), status: res.status };
      expect({ ...seen, sentToLogin: sentToLogin(res), serverError: isServerError(res) }).toEqual({
        ...seen,
        sentToLogin: false,
        serverError: false,
      });
    }
  });

  it('refuses a student the back office: no session at sign-in, and every staff route sends them to the login page', async () => {
    const account = await createAccount(t, 'student');
    const agent = request.agent(t.http);
    const login = await agent
      .post('/admin/login')
      .type('form')
      .send({ email: account.email, password: account.password });
    expect(login.status).toBe(401);
    for (const r of backOfficeWith('staff')) {
      const res = await call(agent, r);
      expect({ route: routeKey(r), sentToLogin: sentToLogin(res) }).toEqual({
        route: routeKey(r),
        sentToLogin: true,
      });
    }
  });

  it.each(['staff', 'admin'] as const)('admits %s to every back-office route', async (role) => {
    const { agent } = await signInAs(t, role);
    for (const r of backOfficeWith('staff')) {
      const res = await call(agent, r);
      const seen = { route: routeKey(r), status: res.status };
      expect({
        ...seen,
        turnedAway: sentToLogin(res) || res.status === 403,
        serverError: res.status >= 500,
      }).toEqual({
        ...seen,
        turnedAway: false,
        serverError: false,
      });
    }
  });
});

/**
 * A 5xx is a server error, except the deliberate 503 the components bundle answers on a checkout
 * where `npm run build` has not built it yet (CI's clean clone): the page still works, it says why.
 */
function isServerError(res: request.Response): boolean {
  if (res.status < 500) return false;
  return !(res.status === 503 && /^console\.error\("Back-office bundle unavailable: /.test(res.text));
}
