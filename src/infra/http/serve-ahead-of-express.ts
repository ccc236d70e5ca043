import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

/** Serves a request itself and returns true, or returns false having touched nothing. */
export type AheadOfExpress = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Lets `serve` answer requests before the Express app sees them, on the HTTP server Nest created.
 *
 * Relies on: @nestjs/platform-express 12.5.1 (`ExpressAdapter.initHttpServer`) creating the server
 * as `http.createServer(expressApp)`, which makes the Express app (express 5.3.0) the server's one
 * `'request'` listener, and on that server being the one `app.listen()` binds and `app.close()`
 * closes. The listener is swapped with Node's public EventEmitter API; what could change under us
 * is Nest's side: wrapping the Express app in another function, adding a second listener, or
 * creating the server later than `NestFactory.create`. Any of these would leave the fast route
 * unused or Express answering twice, so it is checked here and the boot fails with a message
 * instead (serve-ahead-of-express.spec.ts checks the shape on a bare Nest app, and
 * analytics-ingestion-http.e2e-spec.ts that the fast route answers without Express).
 */
export function serveAheadOfExpress(
  server: Server,
  expressApp: RequestListener,
  serve: AheadOfExpress,
): void {
  assertOnlyListener(server, expressApp, 'the Express app');
  const dispatch = (req: IncomingMessage, res: ServerResponse): void => {
    if (!serve(req, res)) void expressApp(req, res);
  };
  server.removeListener('request', expressApp);
  server.on('request', dispatch);
  assertOnlyListener(server, dispatch, 'the dispatcher');
}

function assertOnlyListener(server: Server, listener: RequestListener, what: string): void {
  const listeners = server.listeners('request');
  if (listeners.length !== 1 || listeners[0] !== listener)
    throw new Error(
      `serveAheadOfExpress: expected ${what} to be the HTTP server's only 'request' listener, found ` +
        `${listeners.length} listener(s) [${listeners.map((l) => l.name || 'anonymous').join(', ')}]. ` +
        '@nestjs/platform-express changed how it creates the server; see src/infra/http/serve-ahead-of-express.ts',
    );
}
