import { describe, expect, it } from '@jest/globals';
import cors from 'cors';
import helmet from 'helmet';
import { ServerResponse, IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import {
  fixedCorsHeaders,
  fixedSecurityHeaders,
  recordHeaders,
  setFlatHeaders,
  type NodeMiddleware,
} from './fixed-headers.js';

const POST = { method: 'POST', url: '/analytics/events', headers: {} };

/** The header names as set, in sending order (`getRawHeaderNames`, Node ≥ 15.13; not in these typings). */
const rawNames = (res: ServerResponse) =>
  (res as ServerResponse & { getRawHeaderNames(): string[] }).getRawHeaderNames();

/** What `middleware` leaves on a real ServerResponse, as name, value pairs in sending order. */
function onRealResponse(middleware: NodeMiddleware, headers: Record<string, string> = {}): string[] {
  const req = new IncomingMessage(new Socket());
  Object.assign(req, { method: 'POST', url: '/analytics/events', headers });
  const res = new ServerResponse(req);
  middleware(req, res, (error) => {
    if (error) throw error;
  });
  return rawNames(res).flatMap((name) => [name, String(res.getHeader(name))]);
}

describe('fixed headers (what the ingestion route sends instead of running helmet and cors)', () => {
  it('records what a middleware leaves on a response: a header set again keeps its place, one removed and set goes last', () => {
    const middleware: NodeMiddleware = (_req, res, next) => {
      res.setHeader('A', '1');
      res.setHeader('B', 2);
      res.setHeader('C', '3');
      res.setHeader('a', 'again');
      res.removeHeader('B');
      res.setHeader('B', 'last');
      res.removeHeader('X-Nothing');
      next();
    };
    expect(recordHeaders(middleware, POST)).toEqual(['a', 'again', 'C', '3', 'B', 'last']);
    expect(recordHeaders(middleware, POST)).toEqual(onRealResponse(middleware));
  });

  it('matches helmet and cors on a real response, for allowed, refused and absent origins', () => {
    const security = helmet({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:'] } } });
    expect(fixedSecurityHeaders(security, '/analytics/events')).toEqual(onRealResponse(security));
    const origins = ['https://app.example.com', 'http://localhost:5173'];
    const corsHeaders = cors({ origin: origins, credentials: true, exposedHeaders: ['X-Request-Id'] });
    const corsFor = fixedCorsHeaders(corsHeaders, origins, '/analytics/events');
    for (const origin of [
      ...origins,
      'https://evil.example.com',
      'https://app.example.com.evil',
      undefined,
    ]) {
      const fixed = corsFor(origin);
      expect(fixed).toEqual(onRealResponse(corsHeaders, origin ? { origin } : {}));
      expect(fixed.includes('Access-Control-Allow-Origin')).toBe(
        origin !== undefined && origins.includes(origin),
      );
    }
    // Whatever sits next to them on the response stays where setHeader would put it.
    const res = new ServerResponse(new IncomingMessage(new Socket()));
    res.setHeader('X-Request-Id', 'r1');
    setFlatHeaders(res, corsFor(origins[0]));
    expect(rawNames(res)[0]).toBe('X-Request-Id');
  });

  it('refuses at boot what it cannot fix: per-request headers, lists the middleware disagrees with, async middleware', () => {
    const perRequest: NodeMiddleware = (req, res, next) => {
      res.setHeader('X-Echo', String(req.headers.origin));
      next();
    };
    expect(() => fixedSecurityHeaders(perRequest, '/analytics/events')).toThrow(/depend on the request/);
    const corsHeaders = cors({ origin: ['https://app.example.com'] });
    expect(() => fixedCorsHeaders(corsHeaders, ['https://other.example.com'], '/x')).toThrow(
      /does not allow https:\/\/other.example.com/,
    );
    expect(() => fixedCorsHeaders(cors({ origin: true }), [], '/x')).toThrow(/unlisted origin/);
    const later: NodeMiddleware = (_req, _res, next) => void setTimeout(next, 1);
    expect(() => recordHeaders(later, POST)).toThrow(/did not call next\(\) synchronously/);
    const reads: NodeMiddleware = (_req, res, next) => {
      res.writeHead(200);
      next();
    };
    expect(() => recordHeaders(reads, POST)).toThrow();
  });
});
