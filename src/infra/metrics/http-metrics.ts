import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { MetricsService } from './metrics.service.js';

/** A request a handler outside Express serves (the ingestion fast path) names its route here. */
export const METRICS_ROUTE = Symbol('metrics route');

type RoutedRequest = IncomingMessage & {
  [METRICS_ROUTE]?: string;
  baseUrl?: string;
  route?: { path?: unknown };
};

/**
 * Times every request the HTTP server receives, whoever answers it: Express and Nest, the
 * ingestion route ahead of them, or nobody (404). A listener on the server itself, not an Express
 * middleware, so a route served before Express is counted too. Labels stay few: the route
 * *template* (`/courses/:courseId`, never the path with its ids), the method, and the status class;
 * a request no route matched is `unmatched` (scanners must not create a series per URL).
 */
export function instrumentHttpServer(server: Server, metrics: MetricsService): void {
  server.on('request', (req: RoutedRequest, res: ServerResponse) => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      end({
        method: req.method ?? 'OTHER',
        route: routeTemplate(req),
        status_class: `${Math.floor(res.statusCode / 100)}xx`,
      });
    });
  });
}

/**
 * Nest mounts middleware for every path (`forRoutes('*')`) as an Express route of its own, which
 * leaves `req.route` at that catch-all when no real route follows: not a route of ours.
 */
const CATCH_ALL = new Set(['{/*splat}', '/{*splat}', '*', '/*', '(.*)', '/(.*)']);

function routeTemplate(req: RoutedRequest): string {
  const named = req[METRICS_ROUTE];
  if (named) return named;
  const path = req.route?.path;
  if (typeof path === 'string' && !CATCH_ALL.has(path)) return `${req.baseUrl ?? ''}${path}` || '/';
  return 'unmatched';
}
