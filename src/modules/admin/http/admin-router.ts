import { buildRoutes } from '@adminjs/express';
import { RequestContext, type MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ArgumentsHost } from '@nestjs/common';
import AdminJS, { Router as AdminRoutes } from 'adminjs';
import express, { type NextFunction, type Request, type Response } from 'express';
import formidableMiddleware from 'express-formidable';
import helmet from 'helmet';
import { resolve } from 'node:path';
import type { StaffAuthService } from '../../users/index.js';
import { AllExceptionsFilter } from '../../../common/errors/all-exceptions.filter.js';
import type { FieldProblem } from '../../../common/errors/domain-error.js';
import { RequestValidationError } from '../../../common/validation/validation.js';
import { findInputProblem } from '../../../infra/http/hostile-input.js';
import type { AdminConfig } from '../../../infra/config/app-config.js';
import { requestId } from '../../../infra/logging/logging.module.js';
import type { AdminBundle } from './admin-bundle.js';
import { SESSION_COOKIE, type AdminSessions } from './admin-session.js';
import { LoginThrottle } from './login-throttle.js';
import { runWithRequestInfo } from './request-info.js';
import { hardenPage, newNonce } from './safe-layout.js';
import { sameOriginOnly } from './same-origin.js';

/** What the login page loads before anyone is signed in; every other asset needs a session. */
const LOGIN_PAGE_ASSETS = new Set([
  '/frontend/assets/global.bundle.js',
  '/frontend/assets/design-system.bundle.js',
  '/frontend/assets/app.bundle.js',
  '/frontend/assets/components.bundle.js',
]);
const COMPONENTS_BUNDLE = '/frontend/assets/components.bundle.js';
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export interface AdminRouterDeps {
  admin: AdminJS;
  orm: MikroORM;
  config: AdminConfig;
  bodyLimitBytes: number;
  sessions: AdminSessions;
  staffAuth: StaffAuthService;
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
  const { loginPath, logoutPath, rootPath } = admin.options;
  const router = express.Router();

  const throttle = new LoginThrottle(orm.em as EntityManager, deps.config.loginRateLimit);

  router.use((req: Request, res: Response, next: NextFunction) => {
    requestId(req, res);
    res.locals.cspNonce = newNonce();
    runWithRequestInfo(req.ip, () => RequestContext.create(orm.em, next));
  });
  router.use(
    helmet({
      // With helmet's default `no-referrer`, browsers send `Origin: null` on form posts, which the
      // origin check (sameOriginOnly) must refuse; `same-origin` keeps referrers off other sites.
      referrerPolicy: { policy: 'same-origin' },
      contentSecurityPolicy: {
        directives: {
          // Scripts: our own files and the inline scripts of AdminJS's templates, which carry this
          // response's nonce (hardenPage); no 'unsafe-inline', so injected markup cannot run script.
          'script-src': ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`],
          // styled-components injects <style> elements at run time: inline styles stay allowed.
          // No other host: fonts and styles are our own (no Google Fonts, see hardenPage).
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'https:'],
          'font-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  router.use(sameOriginOnly);
  router.use(hardenPages);
  router.use(deps.sessions.middleware);
  router.use(parseForms(deps.bodyLimitBytes));
  router.use(refuseHostileInput);

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
      if (!req.is(FORM_TYPES)) {
        return void res.status(415).json({
          statusCode: 415,
          error: 'unsupported_media_type',
          message: 'Sign in with the login form (application/x-www-form-urlencoded or multipart/form-data)',
          requestId: res.getHeader('x-request-id'),
        });
      }
      const fields = (req as Request & { fields?: Record<string, unknown> }).fields ?? {};
      const email = typeof fields.email === 'string' ? fields.email.trim().toLowerCase() : '';
      const password = typeof fields.password === 'string' ? fields.password : '';
      const attempt = await throttle.attempt(req.ip, email);
      if (attempt.retryAfterSeconds !== null) {
        res.setHeader('Retry-After', String(attempt.retryAfterSeconds));
        return await loginPage(
          res,
          429,
          `Too many failed sign-ins: try again in ${Math.ceil(attempt.retryAfterSeconds / 60)} min`,
        );
      }
      const user = email && password ? await deps.staffAuth.verify(email, password) : null;
      // Wrong password, unknown address or a student: one answer for all (and the failure counts).
      if (!user) return await loginPage(res, 401, 'invalidCredentials');
      await attempt.succeeded();
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

  // Logout is a POST (checked by sameOriginOnly): a link or an image on another site cannot end a session.
  router.post(local(logoutPath), (req, res, next) => {
    req.session.destroy((error) =>
      error ? next(error) : res.clearCookie(SESSION_COOKIE, { path: rootPath }).redirect(303, loginPath),
    );
  });
  router.get(local(logoutPath), (_req, res) => {
    res.setHeader('Allow', 'POST');
    res.status(405).json({
      statusCode: 405,
      error: 'method_not_allowed',
      message: 'Sign out with POST (the user menu’s logout does)',
      requestId: res.getHeader('x-request-id'),
    });
  });

  const assets = new Map(AdminRoutes.assets.map((asset) => [asset.path, resolve(asset.src)]));
  const serveAsset = (path: string) => (_req: Request, res: Response, next: NextFunction) => {
    if (path === COMPONENTS_BUNDLE) return deps.bundle.serve(res);
    res.sendFile(assets.get(path)!, { maxAge: '1h' }, (error) => error && next(error));
  };
  for (const path of LOGIN_PAGE_ASSETS) router.get(path, serveAsset(path));

  router.use((req, res, next) => requireStaff(req, res, next, deps, loginPath).catch(next));

  for (const path of assets.keys()) if (!LOGIN_PAGE_ASSETS.has(path)) router.get(path, serveAsset(path));
  router.use(unknownResourceAs404(admin));
  router.use('/api/resources/:resourceId/bulk/:action', bulkNeedsRecordIds);
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
  // AdminJS's own 4xx errors here; everything else as the API answers and logs it (a database
  // outage: 503 + Retry-After and one line per interval; database errors without their values).
  const apiErrors = new AllExceptionsFilter();
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const body = adminClientError(error);
    if (!body) return apiErrors.catch(error, httpHost(req, res));
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
  // A changed e-mail is a changed identity: the session ends, as the user's API sessions do.
  const sameIdentity = current && current.email === signedIn!.email;
  if (current && sameIdentity) {
    if (current.role !== signedIn!.role) {
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

const FORBIDDEN_TYPES = new Set(['ForbiddenError', 'forbidden', 'forbidden_field']);

/**
 * AdminJS answers an action the user may not run (or a record that does not exist) with 200 and
 * an error notice (its frontend reads the notice). The API says it with the status too, so a
 * refused write is plainly a 403 (with the refused field in `record.errors`) and a missing record a 404.
 */
function forbiddenAs403(_req: Request, res: Response, next: NextFunction): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    const baseError = (body as { record?: { baseError?: { type?: string } | null } } | null)?.record
      ?.baseError;
    if (res.statusCode === 200 && baseError?.type) {
      if (FORBIDDEN_TYPES.has(baseError.type)) res.status(403);
      else if (baseError.type === 'NotFoundError') res.status(404);
    }
    return send(body);
  };
  next();
}

/** AdminJS throws a plain Error (a 500) for a resource id it does not know: a 404 here. */
function unknownResourceAs404(admin: AdminJS) {
  const known = new Set(admin.resources.map((resource) => resource._decorated?.id() ?? resource.id()));
  return (req: Request, res: Response, next: NextFunction): void => {
    const encoded = /^\/(?:api\/)?resources\/([^/]+)/.exec(req.path)?.[1];
    if (encoded === undefined || known.has(decodeURIComponent(encoded))) return next();
    res.status(404).json({
      statusCode: 404,
      error: 'not_found',
      message: `No back-office resource ${decodeURIComponent(encoded)}`,
      requestId: res.getHeader('x-request-id'),
    });
  };
}

/**
 * A bulk action names its records as `?recordIds=a,b`, once. AdminJS answers a missing list with a
 * 404 ("record not found") and a list given twice or as an object with a 500 (it calls `split` on
 * it): both are the client's error on that parameter.
 */
function bulkNeedsRecordIds(req: Request, _res: Response, next: NextFunction): void {
  const ids = req.query.recordIds;
  if (typeof ids === 'string' && ids.split(',').some((id) => id !== '')) return next();
  const messages = [
    ids === undefined || ids === ''
      ? 'recordIds is required: the records to act on, as ?recordIds=id1,id2'
      : 'recordIds must be given once, as ?recordIds=id1,id2',
  ];
  next(new RequestValidationError([{ field: 'recordIds', messages }]));
}

/** Every HTML page (AdminJS's layout and login page) leaves with its embedded JSON escaped and its scripts' nonce. */
function hardenPages(_req: Request, res: Response, next: NextFunction): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    if (typeof body === 'string' && body.includes('window.REDUX_STATE'))
      return send(hardenPage(body, res.locals.cspNonce as string));
    return send(body);
  };
  next();
}

/**
 * The API's hostile-input rule for the back office: a NUL character, a lone surrogate or JSON
 * nested too deep in the path, the query or the form (formidable also parses JSON bodies) is a 400
 * naming the field, before AdminJS, a filter or a write sees it (they were 500s, or a 503 when a NUL
 * cut the statement short and PostgreSQL dropped the connection).
 */
function refuseHostileInput(req: Request, res: Response, next: NextFunction): void {
  let problem: FieldProblem | undefined;
  try {
    problem = findInputProblem(decodeURIComponent(req.path), 'path');
  } catch {
    problem = { field: 'path', messages: ['path is not a valid URL encoding'] };
  }
  const fields = (req as Request & { fields?: unknown }).fields;
  problem ??= findInputProblem(req.query, '') ?? findInputProblem(fields ?? {}, '');
  if (problem) return next(new RequestValidationError([problem]));
  next();
}

/** AdminJS's form parser (formidable); a body it cannot parse is the client's error (400), not a 500. */
function parseForms(limitBytes: number) {
  const parse = formidableMiddleware({ maxFieldsSize: limitBytes, maxFileSize: limitBytes });
  return (req: Request, res: Response, next: NextFunction): void => {
    let done = false;
    parse(req, res, (error?: unknown) => {
      if (done) return;
      done = true;
      if (!error) return next();
      res.status(400).json({
        statusCode: 400,
        error: 'bad_request',
        message: `The form body could not be read: ${error instanceof Error ? error.message : String(error)}`,
        requestId: res.getHeader('x-request-id'),
      });
    });
  };
}

/** The request and response as a Nest exception filter sees them. */
function httpHost(req: Request, res: Response): ArgumentsHost {
  const http = { getRequest: () => req, getResponse: () => res, getNext: () => undefined };
  return { switchToHttp: () => http } as unknown as ArgumentsHost;
}

/** AdminJS's errors (ForbiddenError, NotFoundError, …) carry a 4xx status; null for any other error. */
function adminClientError(error: unknown) {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
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
  return null;
}
