import type { LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { bearerApiKey } from '../../../common/auth/api-key.js';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { accessTokenRequired } from '../../../common/auth/jwt-auth.guard.js';
import { serveAheadOfExpress } from '../../../infra/http/serve-ahead-of-express.js';
import { incomingRequestId } from '../../../infra/logging/logging.module.js';
import { METRICS_ROUTE } from '../../../infra/metrics/http-metrics.js';
import {
  fixedCorsHeaders,
  fixedSecurityHeaders,
  setFlatHeaders,
  type FlatHeaders,
  type NodeMiddleware,
} from './fixed-headers.js';
import { assertIngestRouteRules } from './ingest-route-rules.js';
import { jsonBodyReader } from './json-body.js';

export const INGEST_PATH = '/analytics/events';

export type { NodeMiddleware } from './fixed-headers.js';

export interface IngestRouteOptions {
  /** Validates and commits a request's events (`AnalyticsService.ingest`). */
  ingest(body: unknown, user: AuthUser | undefined): Promise<{ accepted: number }>;
  /**
   * The caller of an `Authorization` header, or `false` when it carries no valid, live access
   * token; a promise when the answer needs the database (a session not seen recently).
   */
  verifyAuthorization(authorization: string): AuthUser | false | Promise<AuthUser | false>;
  /** The Express app's security headers (helmet): the same for every response, recorded once. */
  securityHeaders: NodeMiddleware;
  /** The Express app's CORS middleware, and the allow-list of origins it was given. */
  cors: { middleware: NodeMiddleware; origins: readonly string[] };
  /** The JSON body parser, configured as the Express app's (same limit, same errors)… */
  parseJson: NodeMiddleware;
  /** …and its limit in bytes. */
  bodyLimit: number;
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
 * rules: the same security and CORS headers, byte for byte, and request id (helmet's and cors's
 * headers worked out once at boot from the very middleware Express runs, see fixed-headers.ts, and
 * sent with the 201 in one `writeHead`), the same body parsing (json-body.ts: limit → 413, malformed
 * JSON → 400, with body-parser's own errors), an `Authorization` header must carry a valid access
 * token of a live login session (else 401) whose user the events get, the same validation, 201 only
 * after commit. A failure is handed to the
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
  const { ingest, verifyAuthorization, logger } = options;
  // What helmet and cors would set on every response of this route, worked out once (fixed-headers.ts):
  // sent with the answer in one writeHead, or set before a failure goes to Express.
  const security = fixedSecurityHeaders(options.securityHeaders, INGEST_PATH);
  const corsFor = fixedCorsHeaders(options.cors.middleware, options.cors.origins, INGEST_PATH);
  // The 201's whole header list per CORS answer, copied per request with its id and length filled in.
  const created = new Map<FlatHeaders, string[]>();
  const createdHeaders = (cors: FlatHeaders, id: string, length: number): string[] => {
    let template = created.get(cors);
    if (!template) {
      template = ['X-Request-Id', '', ...security, ...cors, 'Content-Type', JSON_TYPE, 'Content-Length', ''];
      created.set(cors, template);
    }
    const headers = template.slice();
    headers[1] = id;
    headers[headers.length - 1] = String(length);
    return headers;
  };
  const readBody = jsonBodyReader(options.parseJson, options.bodyLimit);

  return (request, res) => {
    const req = request as IngestRequest;
    if (req.method !== 'POST' || !isIngestPath(req.url) || !isPlainJson(req)) return false;
    // An API key is for reports, not events: the controller's guard answers it (403).
    if (bearerApiKey(req.headers.authorization) !== undefined) return false;
    const started = Date.now();
    const id = incomingRequestId(req);
    req.id = id;
    req[METRICS_ROUTE] = INGEST_PATH; // Express never matches it: the metrics take the name from here
    const cors = corsFor(req.headers.origin);
    const fail = (error: unknown) => {
      if (!res.headersSent) setResponseHeaders(res, id, security, cors);
      res.once('finish', () => logFailure(logger, req, res, started));
      req[FAILED] = error ?? new Error('ingestion failed');
      void expressApp(req, res);
    };
    const write = (user: AuthUser | undefined): void => {
      try {
        const written = ingest(req.body, user);
        req.body = undefined; // validated and serialised: nothing of it needs to wait for the commit
        written.then(({ accepted }) => {
          const body = `{"accepted":${accepted}}`; // JSON.stringify({ accepted }), ASCII
          res.writeHead(201, createdHeaders(cors, id, body.length));
          res.end(body);
        }, fail);
      } catch (thrown) {
        fail(thrown);
      }
    };
    const writeAs = (user: AuthUser | false): void => (user ? write(user) : fail(accessTokenRequired()));
    readBody(req, res, (error?: unknown): void => {
      if (error) return fail(error);
      try {
        const authorization = req.headers.authorization;
        if (!authorization) return write(undefined);
        const user = verifyAuthorization(authorization);
        if (user instanceof Promise) user.then(writeAs, fail);
        else writeAs(user);
      } catch (thrown) {
        fail(thrown);
      }
    });
    return true;
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** The headers the Express app's middleware would have set by now: request id, security, CORS. */
function setResponseHeaders(res: ServerResponse, id: string, security: FlatHeaders, cors: FlatHeaders): void {
  res.setHeader('X-Request-Id', id);
  setFlatHeaders(res, security);
  setFlatHeaders(res, cors);
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
