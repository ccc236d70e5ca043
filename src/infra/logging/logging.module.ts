import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.js';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * High-volume routes whose successful requests are not logged: thousands of tracking events a
 * second would drown everything else (and cost a log line each). Their errors are still logged.
 */
const QUIET_ON_SUCCESS: { method: string; path: string }[] = [{ method: 'POST', path: '/analytics/events' }];

function quietOnSuccess(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return QUIET_ON_SUCCESS.some(
    (route) => req.method === route.method && (url === route.path || url.startsWith(`${route.path}?`)),
  );
}

/** Reuses a well-formed incoming `X-Request-Id` (from a proxy) or makes one; echoes it back. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const id = incomingRequestId(req);
  res.setHeader('X-Request-Id', id);
  return id;
}

/** The request id `requestId` gives a request, without setting the response header (the caller does). */
export function incomingRequestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Structured JSON logs (pretty in development) with the request id on every line; secrets redacted. */
export function loggingModule(config: AppConfig) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.log.level,
      genReqId: requestId,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.refreshToken',
          '*.accessToken',
        ],
        censor: '[redacted]',
      },
      // Headers stay out of the logs: they carry tokens and cookies, and add noise to every line.
      // The serializers read the raw request and response: pino-http's wrappers would first copy
      // every header into a new object, on every request, for the three fields kept here.
      wrapSerializers: false,
      serializers: {
        req: (req: { id: string; method: string; url: string; originalUrl?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.originalUrl ?? req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (req, res, err) =>
        err || res.statusCode >= 500
          ? 'error'
          : res.statusCode >= 400
            ? 'warn'
            : quietOnSuccess(req)
              ? 'silent'
              : 'info',
      autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
      transport: config.log.pretty
        ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } }
        : undefined,
    },
  });
}
