import { jest } from '@jest/globals';
import express from 'express';
import type { TestApp } from '../utils/create-test-app.js';

/**
 * Where the route walk (test/route-guards.e2e-spec.ts) reads which routes exist: the Express
 * router Nest serves the API from, the OpenAPI document, and the back office's own router. The
 * expected access of each route is not read from any of them: it is the test's table.
 */
export interface Route {
  method: string;
  path: string;
}

export const routeKey = (r: Route) => `${r.method} ${r.path}`;

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

const routesOf = (stack: ExpressLayer[], prefix = ''): Route[] =>
  stack
    .filter((layer) => layer.route)
    .flatMap((layer) =>
      Object.keys(layer.route!.methods)
        .filter((m) => m !== '_all')
        .map((m) => ({ method: m.toUpperCase(), path: `${prefix}${layer.route!.path}` })),
    );

/** Every route of the API that Express really serves (Swagger UI and Nest's catch-all aside). */
export function servedApiRoutes(t: TestApp): Route[] {
  const app = t.app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  // '/{*splat}' is Nest's catch-all (404 and CORS preflight), not an endpoint. `/metrics` is
  // Prometheus's, with a credential of its own and no place in the clients' API document: its
  // access is test/metrics.e2e-spec.ts's.
  return routesOf(app.router.stack).filter(
    (r) => !r.path.startsWith('/docs') && r.path !== '/metrics' && !r.path.includes('*'),
  );
}

export interface OpenApiOperations {
  paths: Record<
    string,
    Record<string, { security?: unknown[]; responses: Record<string, { description: string }> }>
  >;
}

/** Every operation of the OpenAPI document, as Express spells its path. */
export const documentedRoutes = (doc: OpenApiOperations): Route[] =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{(\w+)\}/g, ':$1') })),
  );

/**
 * The back office is one Express router mounted with `app.use('/admin', …)` through a closure,
 * so the app's router cannot list its routes. This catches the routers made while the app boots
 * (the back office's is the one with the login route); call before `createTestApp`, and read the
 * routes once it has booted.
 */
export function watchBackOfficeRouter(): { routes(): Route[] } {
  const made: { stack: ExpressLayer[] }[] = [];
  const original = express.Router;
  const spy = jest.spyOn(express, 'Router').mockImplementation(((...args: Parameters<typeof original>) => {
    const router = original(...args);
    made.push(router as unknown as { stack: ExpressLayer[] });
    return router;
  }) as typeof original);
  return {
    routes() {
      spy.mockRestore();
      const backOffice = made.filter((r) => routesOf(r.stack).some((route) => route.path === '/login'));
      const [router] = backOffice;
      if (!router || backOffice.length !== 1)
        throw new Error(`found ${backOffice.length} back-office routers`);
      // AdminJS's root route is '' (the mount point itself).
      return routesOf(router.stack, '/admin');
    },
  };
}
