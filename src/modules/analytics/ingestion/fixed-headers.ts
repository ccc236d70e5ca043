import type { IncomingMessage, ServerResponse } from 'node:http';

/** Response headers as `res.writeHead` takes them in its array form: name, value, name, value, … */
export type FlatHeaders = readonly string[];

/** Connect-style middleware on Node's own request and response (helmet, cors, body-parser). */
export type NodeMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** What `recordHeaders` hands a middleware as the request. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/**
 * The headers `middleware` sets on a response to `req`, in the order a response would send them,
 * recorded once on a stand-in response: names as the middleware spelled them, values as strings.
 * For middleware whose headers depend on nothing but what is recorded here (helmet with static
 * directives, cors with an allow-list), so a route can send them from an array instead of running
 * the middleware per request. `setHeader`, `getHeader` and `removeHeader` behave as on a fresh
 * `ServerResponse` (a header set again keeps its place, a removed one set again goes last); any other
 * use of the response, a header value that is not a string or number, an error, or a `next` not called
 * synchronously throws, naming the middleware.
 */
export function recordHeaders(middleware: NodeMiddleware, req: RecordedRequest): FlatHeaders {
  const what = middleware.name || 'a middleware';
  const headers = new Map<string, [string, string]>();
  const res = {
    setHeader(name: string, value: unknown) {
      if (typeof value !== 'string' && typeof value !== 'number')
        throw new Error(`recordHeaders: ${what} set ${name} to a ${typeof value}`);
      headers.set(name.toLowerCase(), [name, String(value)]);
      return res;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase())?.[1],
    removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
  };
  let outcome: { error: unknown } | undefined;
  middleware(req as unknown as IncomingMessage, res as unknown as ServerResponse, (error) => {
    outcome = { error };
  });
  if (!outcome) throw new Error(`recordHeaders: ${what} did not call next() synchronously`);
  if (outcome.error) throw new Error(`recordHeaders: ${what} failed: ${String(outcome.error)}`);
  return Object.freeze([...headers.values()].flat());
}

/** Sets `headers` with `setHeader`, in order (for a response finished by someone else). */
export function setFlatHeaders(res: ServerResponse, headers: FlatHeaders): void {
  for (let i = 0; i < headers.length; i += 2) res.setHeader(headers[i]!, headers[i + 1]!);
}

/**
 * The security headers of every response of `path` to a POST: recorded once, and checked to be the
 * same for two different requests (a middleware computing them per request must not be frozen).
 */
export function fixedSecurityHeaders(securityHeaders: NodeMiddleware, path: string): FlatHeaders {
  const plain = recordHeaders(securityHeaders, { method: 'POST', url: path, headers: {} });
  const other = recordHeaders(securityHeaders, {
    method: 'POST',
    url: `${path}?x=1`,
    headers: { origin: 'https://other.invalid', authorization: 'Bearer x', 'x-forwarded-proto': 'https' },
  });
  if (!sameHeaders(plain, other))
    throw new Error('fixedSecurityHeaders: the security headers depend on the request; they cannot be fixed');
  return plain;
}

/** A caller's origin that no allow-list names (`.invalid` is reserved, RFC 6761). */
const UNLISTED_ORIGIN = 'https://unlisted-origin.invalid';

/**
 * The CORS headers of a POST to `path`, per `Origin`: those `cors` sets for each origin of its
 * allow-list `origins` (recorded once each), and those it sets for any other origin or none (the
 * same: no `Access-Control-Allow-Origin`). Checked at boot against the middleware: each listed
 * origin must be the one it allows, and an unlisted origin must get what no origin gets. Per request
 * the answer is one Map lookup.
 */
export function fixedCorsHeaders(
  cors: NodeMiddleware,
  origins: readonly string[],
  path: string,
): (origin: string | undefined) => FlatHeaders {
  const post = (origin?: string) =>
    recordHeaders(cors, { method: 'POST', url: path, headers: origin === undefined ? {} : { origin } });
  const refused = post();
  if (!sameHeaders(refused, post(UNLISTED_ORIGIN)))
    throw new Error('fixedCorsHeaders: the CORS middleware treats an unlisted origin unlike no origin');
  const allowed = new Map<string, FlatHeaders>();
  for (const origin of origins) {
    const headers = post(origin);
    if (allowedOrigin(headers) !== origin)
      throw new Error(`fixedCorsHeaders: the CORS middleware does not allow ${origin}, which the list names`);
    allowed.set(origin, headers);
  }
  return (origin) => (origin === undefined ? refused : (allowed.get(origin) ?? refused));
}

function allowedOrigin(headers: FlatHeaders): string | undefined {
  for (let i = 0; i < headers.length; i += 2)
    if (headers[i]!.toLowerCase() === 'access-control-allow-origin') return headers[i + 1];
  return undefined;
}

function sameHeaders(a: FlatHeaders, b: FlatHeaders): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
