import type { INestApplicationContext, Type } from '@nestjs/common';
import { GUARDS_METADATA, INTERCEPTORS_METADATA } from '@nestjs/common/constants.js';
import { APP_GUARD, APP_INTERCEPTOR, ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC_KEY } from '../../../common/auth/public.decorator.js';
import { ROLES_KEY } from '../../../common/auth/roles.decorator.js';
import { RATE_LIMIT_KEY } from '../../../infra/rate-limit/rate-limit.decorator.js';
import { AnalyticsController } from '../analytics.controller.js';

/**
 * The global guards Nest runs on `POST /analytics/events`, and how the fast route (ingest-route.ts),
 * which Nest never sees, gives the same answer. A guard missing from this list would be skipped
 * silently by the fast route, so the boot fails instead (`assertIngestRouteRules`).
 */
export const GUARDS_THE_FAST_ROUTE_KEEPS: Record<string, string> = {
  JwtAuthGuard:
    'the route is @Public(): no Authorization → anonymous; a token must be a valid access token of a ' +
    'live session (else 401); an API key goes to the controller, whose guard answers 403',
  RolesGuard: 'the route has no @Roles(): every caller passes',
  RateLimitGuard:
    'the route has no @RateLimit(): no per-IP limit (overload is answered 503 by the ingestion queue)',
};

/** Decorator metadata on the controller's handler that the fast route would not honour. */
const UNHONOURED_METADATA = [
  [ROLES_KEY, '@Roles()'],
  [RATE_LIMIT_KEY, '@RateLimit()'],
  [GUARDS_METADATA, '@UseGuards()'],
  [INTERCEPTORS_METADATA, '@UseInterceptors()'],
] as const;

/**
 * Fails the boot if Nest would treat `POST /analytics/events` differently from the fast route: a
 * global guard or interceptor it does not know, or route metadata it does not honour. Relies on
 * @nestjs/core 12.5.1 registering an `APP_GUARD`/`APP_INTERCEPTOR` provider under a token that
 * starts with its name (`APP_GUARD (UUID: …)`, `DependenciesScanner.insertProvider`); finding no
 * guard at all means that changed, which fails the boot too. Global enhancers added with
 * `app.useGlobalGuards()` are not seen: `configureApp` adds none.
 */
export function assertIngestRouteRules(
  app: INestApplicationContext,
  controller: Type = AnalyticsController,
): void {
  const guards = globalEnhancers(app, APP_GUARD);
  if (guards.length === 0)
    throw new Error(
      'ingestion fast route: found no APP_GUARD provider (JwtAuthGuard is one): @nestjs/core changed ' +
        'how it registers global guards; see src/modules/analytics/ingestion/ingest-route-rules.ts',
    );
  const unknown = guards.filter((name) => !(name in GUARDS_THE_FAST_ROUTE_KEEPS));
  if (unknown.length > 0)
    throw new Error(
      `ingestion fast route: the global guard(s) ${unknown.join(', ')} would run on POST ` +
        '/analytics/events through Nest but not on the fast route: make ingest-route.ts apply them ' +
        'and list them in GUARDS_THE_FAST_ROUTE_KEEPS',
    );
  const interceptors = globalEnhancers(app, APP_INTERCEPTOR);
  if (interceptors.length > 0)
    throw new Error(
      `ingestion fast route: the global interceptor(s) ${interceptors.join(', ')} would not run on ` +
        'the fast route (ingest-route.ts)',
    );
  const handler = (controller.prototype as Record<string, unknown>)['ingest'];
  if (typeof handler !== 'function')
    throw new Error(`ingestion fast route: ${controller.name} has no ingest() handler`);
  if (Reflect.getMetadata(IS_PUBLIC_KEY, handler) !== true)
    throw new Error('ingestion fast route: the controller route is no longer @Public(), the fast route is');
  for (const [key, decorator] of UNHONOURED_METADATA) {
    if (Reflect.getMetadata(key, handler) !== undefined || Reflect.getMetadata(key, controller) !== undefined)
      throw new Error(
        `ingestion fast route: ${controller.name}.ingest has ${decorator}, which the fast route ` +
          '(ingest-route.ts) does not apply',
      );
  }
}

/** The class names of the global guards (or interceptors) registered as `token` providers. */
function globalEnhancers(app: INestApplicationContext, token: string): string[] {
  const names: string[] = [];
  for (const module of app.get(ModulesContainer).values())
    for (const [key, wrapper] of module.providers)
      if (typeof key === 'string' && key.startsWith(`${token} `))
        names.push(wrapper.metatype?.name ?? String(key));
  return names;
}
