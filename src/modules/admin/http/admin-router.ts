import { buildRoutes } from '@adminjs/express';
import { RequestContext, type MikroORM } from '@mikro-orm/core';
import { Logger } from '@nestjs/common';
import AdminJS, { Router as AdminRoutes } from 'adminjs';
import express, { type NextFunction, type Request, type Response } from 'express';
import formidableMiddleware from 'express-formidable';
import helmet from 'helmet';
import { resolve } from 'node:path';
import type { StaffAuthService } from '../../users/index.js';
import { toErrorBody } from '../../../common/errors/all-exceptions.filter.js';
import { RateLimitedError } from '../../../common/errors/rate-limited.error.js';
import type { AdminConfig } from '../../../infra/config/app-config.js';
import { requestId } from '../../../infra/logging/logging.module.js';
import { clientKey } from '../../../infra/rate-limit/client-key.js';
import type { RateLimitService } from '../../../infra/rate-limit/rate-limit.service.js';
import type { AdminBundle } from './admin-bundle.js';
import { SESSION_COOKIE, type AdminSessions } from './admin-session.js';

/** What the login page loads before anyone is signed in; every other asset needs a session. */
const LOGIN_PAGE_ASSETS = new Set([
  '/frontend/assets/global.bundle.js',
  '/frontend/assets/design-system.bundle.js',
  '/frontend/assets/app.bundle.js',
  '/frontend/assets/components.bundle.js',
]);
const COMPONENTS_BUNDLE = '/frontend/assets/components.bundle.js';
const LOGIN_WINDOW_SECONDS = 15 * 60;

export interface AdminRouterDeps {
  admin: AdminJS;
  orm: MikroORM;
  config: AdminConfig;
  bodyLimitBytes: number;
  sessions: AdminSessions;
  staffAuth: StaffAuthService;
  rateLimits: RateLimitService;
  bundle: AdminBundle;
}

/**
 * The whole back office under one Express router, in this order: request id + ORM context +
 * security headers → session → form parsing (AdminJS's own, formidable) → login/logout (rate
 * limited, staff only) → the login page's assets → the staff gate (every other route: pages, API,
 * assets) → AdminJS's routes → errors in our JSON shape. It is mounted ahead of the API's body
 * parsers and only sees `/admin` paths, so the REST API is untouched.
 */
export function buildAdminRouter(deps: AdminRouterDeps): express.Router {
  const { admin, orm } = deps;
  const logger = new Logger('BackOffice');
  const { loginPath, logoutPath, rootPath } = admin.options;
  const router = express.Router();

  router.use((req: Request, res: Response, next: NextFunction) => {
    requestId(req, res);
    RequestContext.create(orm.em, next);
  });
  router.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'", "'unsafe-inline'"],
          'style-src': ["'self'", "'unsafe-inline'", 'https:'],
          'img-src': ["'self'", 'data:', 'https:'],
          'font-src': ["'self'", 'data:', 'https:'],
        },
      },
    }),
  );
  router.use(deps.sessions.middleware);
  router.use(
    formidableMiddleware({
      maxFieldsSize: deps.bodyLimitBytes,
      maxFileSize: deps.bodyLimitBytes,
    }),
  );

  const loginPage = async (res: Response, status: number, errorMessage: string | null) => {
    res
      .status(status)
      .type('html')
      .send(await admin.renderLogin({ action: loginPath, errorMessage }));
  };
  const local = (path: string) => path.slice(rootPath.length) || '/';

  router.get(local(loginPath), (req, res, next) => {
    if (req.session.adminUser) return res.redirect(rootPath);
    loginPage(res, 200, null).catch(next);
  });

  router.post(local(loginPath), async (req, res, next) => {
    try {
      const fields = (req as Request & { fields?: Record<string, unknown> }).fields ?? {};
      const email = typeof fields.email === 'string' ? fields.email.trim().toLowerCase() : '';
      const password = typeof fields.password === 'string' ? fields.password : '';
      try {
        const limit = {
          limit: deps.config.loginRateLimit,
          windowSeconds: LOGIN_WINDOW_SECONDS,
        };
        await deps.rateLimits.consume({
          key: `admin-login-ip:${clientKey(req.ip)}`,
          ...limit,
        });
        if (email)
          await deps.rateLimits.consume({
            key: `admin-login-email:${email}`,
            ...limit,
          });
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
        return await loginPage(
          res,
          429,
          `Too many sign-in attempts: try again in ${Math.ceil(error.retryAfterSeconds / 60)} min`,
        );
      }
      const user = email && password ? await deps.staffAuth.verify(email, password) : null;
      // Wrong password, unknown address or a student: one answer for all.
      if (!user) return await loginPage(res, 401, 'invalidCredentials');
      // A new session id at sign-in: a session id planted before login is worthless.
      req.session.regenerate((error) => {
        if (error) return next(error);
        req.session.adminUser = {
          id: user.id,
          email: user.email,
          role: user.role,
          title: user.name ?? user.email,
        };
        req.session.signedInAt = Date.now();
        req.session.save((saveError) => (saveError ? next(saveError) : res.redirect(302, rootPath)));
      });
    } catch (error) {
      next(error);
    }
  });

  router.get(local(logoutPath), (req, res, next) => {
    req.session.destroy((error) =>
      error ? next(error) : res.clearCookie(SESSION_COOKIE, { path: rootPath }).redirect(loginPath),
    );
  });

  const assets = new Map(AdminRoutes.assets.map((asset) => [asset.path, resolve(asset.src)]));
  const serveAsset = (path: string) => (_req: Request, res: Response, next: NextFunction) => {
    if (path === COMPONENTS_BUNDLE) return deps.bundle.serve(res);
    res.sendFile(assets.get(path)!, { maxAge: '1h' }, (error) => error && next(error));
  };
  for (const path of LOGIN_PAGE_ASSETS) router.get(path, serveAsset(path));

  router.use((req, res, next) => requireStaff(req, res, next, deps, loginPath).catch(next));

  for (const path of assets.keys()) if (!LOGIN_PAGE_ASSETS.has(path)) router.get(path, serveAsset(path));
  router.use('/api', forbiddenAs403);
  buildRoutes({
    admin,
    routes: AdminRoutes.routes.filter((route) => route.action !== 'bundleComponents'),
    router,
  });

  router.use((req, res) => {
    res.status(404).json({
      statusCode: 404,
      error: 'not_found',
      message: `No back-office route ${req.method} ${req.originalUrl}`,
      requestId: res.getHeader('x-request-id'),
    });
  });
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const body = adminErrorBody(error);
    if (body.statusCode >= 500)
      logger.error({ err: error, url: req.originalUrl }, 'Back-office request failed');
    if (res.headersSent) return;
    res.status(body.statusCode).json({ ...body, requestId: res.getHeader('x-request-id') });
  });
  return router;
}

/**
 * Every route past the login page: a signed-in user who is still staff (checked against the
 * database on each request, so a demoted or deleted user is out at once) within the session's
 * maximum age. Browsers are sent to the login page; API calls get 401 in our JSON shape.
 */
async function requireStaff(
  req: Request,
  res: Response,
  next: NextFunction,
  deps: AdminRouterDeps,
  loginPath: string,
): Promise<void> {
  const session = req.session;
  const signedIn = session.adminUser;
  const expired =
    !session.signedInAt || Date.now() - session.signedInAt > deps.config.sessionMaxHours * 3_600_000;
  const current = signedIn && !expired ? await deps.staffAuth.current(signedIn.id) : null;
  if (current) {
    if (current.role !== signedIn!.role || current.email !== signedIn!.email) {
      session.adminUser = {
        id: current.id,
        email: current.email,
        role: current.role,
        title: current.name ?? current.email,
      };
    }
    return next();
  }
  if (signedIn) await new Promise<void>((done) => session.destroy(() => done()));
  const wantsJson =
    req.path.startsWith('/api/') || req.xhr || (req.get('accept') ?? '').includes('application/json');
  if (wantsJson) {
    res.status(401).json({
      statusCode: 401,
      error: 'unauthenticated',
      message: 'Sign in to the back office first',
      requestId: res.getHeader('x-request-id'),
    });
    return;
  }
  res.redirect(302, loginPath);
}

/**
 * AdminJS answers an action the user may not run with 200 and an error notice (its frontend
 * reads the notice). The API says it with the status too, so a refused write is plainly a 403.
 */
function forbiddenAs403(_req: Request, res: Response, next: NextFunction): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    const baseError = (body as { record?: { baseError?: { type?: string } | null } } | null)?.record
      ?.baseError;
    if (baseError?.type === 'ForbiddenError' && res.statusCode === 200) res.status(403);
    return send(body);
  };
  next();
}

/** AdminJS's errors (ForbiddenError, NotFoundError, …) carry a status; ours map as in the API. */
function adminErrorBody(error: unknown) {
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const codes: Record<number, string> = {
      400: 'bad_request',
      403: 'forbidden',
      404: 'not_found',
    };
    return {
      statusCode: status,
      error: codes[status] ?? 'error',
      message: (error as Error).message,
    };
  }
  return toErrorBody(error);
}
