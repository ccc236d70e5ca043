import type { LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { bearerApiKey } from '../../../common/auth/api-key.js';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { accessTokenRequired } from '../../../common/auth/jwt-auth.guard.js';
import { serveAheadOfExpress } from '../../../infra/http/serve-ahead-of-express.js';
import { requestId } from '../../../infra/logging/logging.module.js';
import { METRICS_ROUTE } from '../../../infra/metrics/http-metrics.js';
import { assertIngestRouteRules } from './ingest-route-rules.js';

export const INGEST_PATH = '/analytics/events';

/** Connect-style middleware that works on Node's own request and response (helmet, cors, body-parser). */
export type NodeMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

export interface IngestRouteOptions {
  /** Validates and commits a request's events (`AnalyticsService.ingest`). */
  ingest(body: unknown, user: AuthUser | undefined): Promise<{ accepted: number }>;
  /**
   * The caller of an `Authorization` header, or `false` when it carries no valid, live access
   * token; a promise when the answer needs the database (a session not seen recently).
   */
  verifyAuthorization(authorization: string): AuthUser | false | Promise<AuthUser | false>;
  /** What the Express app runs before its routes for this request: security and CORS headers, in order. */
  headers: NodeMiddleware[];
  /** The JSON body parser, configured as the Express app's (same limit, same errors). */
  parseJson: NodeMiddleware;
  logger: LoggerService;
}

type IngestRequest = IncomingMessage & {
  id?: string;
  body?: unknown;
  [FAILED]?: unknown;
  [METRICS_ROUTE]?: string;
};
const FAILED = Symbol('ingestion failed');

/**
 * Serves `POST /analytics/events` with a JSON body straight from the HTTP server, ahead of Express
 * and Nest. The busiest route by far gains nothing from that stack: it is public, has no roles, no
 * rate limit and no DTO, and its successes are not logged; Express's router alone cost more CPU
 * per request (≈ 0.15 ms here) than everything the route itself does. It keeps the controller's
 * rules: the same security and CORS headers and request id, the same body parser (limit → 413,
 * malformed JSON → 400), an `Authorization` header must carry a valid access token of a live
 * login session (else 401)
 * whose user the events get, the same validation, 201 only after commit. A failure is handed to the
 * Express app (see `ingestRouteErrors`), so the global exception filter answers it in the usual
 * `{ statusCode, error, message, details?, requestId }` shape; it is logged like other failures.
 * Anything else — other methods, paths, content types, or a `Content-Encoding` — goes to Express
 * untouched, where the controller serves the same route with the same rules.
 *
 * Installed on the HTTP server ahead of the Express app (serve-ahead-of-express.ts), after checking
 * that Nest would apply no rule to this route that it does not (ingest-route-rules.ts).
 */
export function installIngestRoute(app: NestExpressApplication, options: IngestRouteOptions): void {
  assertIngestRouteRules(app);
  const expressApp = app.getHttpAdapter().getInstance() as RequestListener;
  serveAheadOfExpress(app.getHttpServer(), expressApp, ingestRoute(options, expressApp));
}

/**
 * The first Express middleware: a request the ingestion route failed arrives with its error, which
 * goes straight to Nest's error handler (the global exception filter), past the other middleware.
 */
export function ingestRouteErrors(
  req: IncomingMessage,
  _res: ServerResponse,
  next: (error?: unknown) => void,
): void {
  const failed = (req as IngestRequest)[FAILED];
  if (failed === undefined) next();
  else next(failed);
}

/** The route; returns false (having touched nothing) for requests it does not serve. */
export function ingestRoute(
  options: IngestRouteOptions,
  expressApp: RequestListener,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { ingest, verifyAuthorization, headers, parseJson, logger } = options;

  return (request, res) => {
    const req = request as IngestRequest;
    if (req.method !== 'POST' || !isIngestPath(req.url) || !isPlainJson(req)) return false;
    // An API key is for reports, not events: the controller's guard answers it (403).
    if (bearerApiKey(req.headers.authorization) !== undefined) return false;
    const started = Date.now();
    req.id = requestId(req, res);
    req[METRICS_ROUTE] = INGEST_PATH; // Express never matches it: the metrics take the name from here
    const fail = (error: unknown) => {
      res.once('finish', () => logFailure(logger, req, res, started));
      req[FAILED] = error ?? new Error('ingestion failed');
      void expressApp(req, res);
    };
    let step = 0;
    const next = (error?: unknown): void => {
      if (error) return fail(error);
      try {
        const header = headers[step];
        if (header) {
          step++;
          return header(req, res, next);
        }
        if (step++ === headers.length) return parseJson(req, res, next);
        const authorization = req.headers.authorization;
        if (!authorization) return write(undefined);
        const user = verifyAuthorization(authorization);
        if (user instanceof Promise) user.then(writeAs, fail);
        else writeAs(user);
      } catch (thrown) {
        fail(thrown);
      }
    };
    const writeAs = (user: AuthUser | false): void => (user ? write(user) : fail(accessTokenRequired()));
    const write = (user: AuthUser | undefined): void => {
      try {
        const written = ingest(req.body, user);
        req.body = undefined; // validated and serialised: nothing of it needs to wait for the commit
        written.then((result) => {
          const body = JSON.stringify(result);
          res.statusCode = 201;
          res.setHeader('Content-Type', 'application/json; charset=utf-8');
          res.setHeader('Content-Length', Buffer.byteLength(body));
          res.end(body);
        }, fail);
      } catch (thrown) {
        fail(thrown);
      }
    };
    next();
    return true;
  };
}

function isIngestPath(url: string | undefined): boolean {
  if (!url?.startsWith(INGEST_PATH)) return false;
  return url.length === INGEST_PATH.length || url[INGEST_PATH.length] === '?';
}

/** `application/json`, in UTF-8 or no charset, not compressed: what clients send. */
function isPlainJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  if (!type || req.headers['content-encoding'] !== undefined) return false;
  const lower = type.toLowerCase();
  return lower === 'application/json' || /^application\/json\s*;\s*charset\s*=\s*"?utf-8"?\s*$/.test(lower);
}

/** The line the request logger writes for a failed request (4xx warn, 5xx error). */
function logFailure(logger: LoggerService, req: IngestRequest, res: ServerResponse, started: number): void {
  const entry = {
    req: { id: req.id, method: req.method, url: req.url },
    res: { statusCode: res.statusCode },
    responseTime: Date.now() - started,
  };
  if (res.statusCode >= 500) logger.error(entry, 'request errored');
  else logger.warn(entry, 'request completed');
}
