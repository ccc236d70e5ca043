import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';

/**
 * Who/where a server-side analytics event comes from, taken from the request that caused it: the
 * browser session (`X-Session-Id`), the platform (`X-Platform`), and the campaign (UTM parameters from
 * the query string or `X-Utm-*` headers). Modules pass it along with their domain events so the
 * analytics module can record `auth_event`, `class_event`, … with the same session as the client's
 * own events.
 */
export interface TrackingContext {
  sessionId: string | null;
  /**
   * `X-Session-Key`: the key the server issued with the session id (POST /analytics/sessions). It
   * proves the client started the session; analytics checks it before linking, never stores it.
   */
  sessionKey?: string | null;
  platform: 'web' | 'mobile' | null;
  page: string | null;
  utm: {
    source: string | null;
    medium: string | null;
    campaign: string | null;
    term: string | null;
    content: string | null;
  };
}

export const EMPTY_TRACKING: TrackingContext = {
  sessionId: null,
  sessionKey: null,
  platform: null,
  page: null,
  utm: { source: null, medium: null, campaign: null, term: null, content: null },
};

const MAX = 256;

function clean(value: unknown): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  return trimmed ? trimmed.slice(0, MAX) : null;
}

export function trackingFromRequest(req: Request): TrackingContext {
  const header = (name: string) => clean(req.headers[name]);
  const utm = (key: string) => clean(req.query?.[`utm_${key}`]) ?? header(`x-utm-${key}`);
  const platform = header('x-platform');
  return {
    sessionId: header('x-session-id'),
    sessionKey: header('x-session-key'),
    platform: platform === 'web' || platform === 'mobile' ? platform : null,
    page: header('x-page'),
    utm: {
      source: utm('source'),
      medium: utm('medium'),
      campaign: utm('campaign'),
      term: utm('term'),
      content: utm('content'),
    },
  };
}

/** Parameter decorator: the request's `TrackingContext`. */
export const Tracking = createParamDecorator((_data: unknown, ctx: ExecutionContext) =>
  trackingFromRequest(ctx.switchToHttp().getRequest<Request>()),
);

/** Swagger: documents the headers `Tracking` reads. */
export const ApiTrackingHeaders = () =>
  applyDecorators(
    ApiHeader({
      name: 'X-Session-Id',
      required: false,
      description:
        'Browser session id (issued by POST /analytics/sessions): joins server-side events to the client journey',
    }),
    ApiHeader({
      name: 'X-Session-Key',
      required: false,
      description:
        'The sessionKey issued with that session id. At login, the session’s anonymous events (last 72 h) ' +
        'become the user’s only if it matches; without it the login is still recorded under the session id.',
    }),
    ApiHeader({ name: 'X-Platform', required: false, description: 'web | mobile' }),
  );
