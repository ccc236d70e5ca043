import { afterEach, describe, expect, it } from '@jest/globals';
import {
  Controller,
  Injectable,
  Module,
  Post,
  UseInterceptors,
  type CanActivate,
  type NestInterceptor,
  type Provider,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { Test, type TestingModule } from '@nestjs/testing';
import { Public } from '../../../common/auth/public.decorator.js';
import { Roles } from '../../../common/auth/roles.decorator.js';
import { RateLimit } from '../../../infra/rate-limit/rate-limit.decorator.js';
import { assertIngestRouteRules } from './ingest-route-rules.js';

// Stand-ins named like the app's global guards: the check knows guards by class name.
@Injectable()
class JwtAuthGuard implements CanActivate {
  canActivate = () => true;
}
@Injectable()
class RolesGuard implements CanActivate {
  canActivate = () => true;
}
@Injectable()
class RateLimitGuard implements CanActivate {
  canActivate = () => true;
}
@Injectable()
class TenantGuard implements CanActivate {
  canActivate = () => true;
}
@Injectable()
class Timing implements NestInterceptor {
  intercept: NestInterceptor['intercept'] = (_context, next) => next.handle();
}

@Controller('analytics')
class AsToday {
  @Public()
  @Post('events')
  ingest() {}
}
@Controller('analytics')
class RateLimited {
  @Public()
  @RateLimit({ name: 'events' })
  @Post('events')
  ingest() {}
}
@Controller('analytics')
class WithRoles {
  @Public()
  @Roles('admin')
  @Post('events')
  ingest() {}
}
@Controller('analytics')
@UseInterceptors(Timing)
class Intercepted {
  @Public()
  @Post('events')
  ingest() {}
}
@Controller('analytics')
class NotPublic {
  @Post('events')
  ingest() {}
}

const guard = (useClass: new () => CanActivate): Provider => ({ provide: APP_GUARD, useClass });
const APP_GUARDS = [guard(JwtAuthGuard), guard(RolesGuard), guard(RateLimitGuard)];

/** A global guard or route rule the fast route does not apply must stop the boot, not be skipped. */
describe('assertIngestRouteRules: Nest and the fast route apply the same rules', () => {
  let moduleRef: TestingModule | undefined;
  afterEach(async () => moduleRef?.close());
  const withProviders = async (providers: Provider[]) => {
    @Module({ providers })
    class Root {}
    moduleRef = await Test.createTestingModule({ imports: [Root] }).compile();
    return moduleRef;
  };

  it('passes for the app’s guards and a public route without roles, limits or interceptors', async () => {
    const app = await withProviders(APP_GUARDS);
    expect(() => assertIngestRouteRules(app, AsToday)).not.toThrow();
  });

  it('fails for a global guard or interceptor the fast route does not know', async () => {
    const guards = await withProviders([...APP_GUARDS, guard(TenantGuard)]);
    expect(() => assertIngestRouteRules(guards, AsToday)).toThrow(/global guard\(s\) TenantGuard/);
    await moduleRef?.close();
    const interceptors = await withProviders([...APP_GUARDS, { provide: APP_INTERCEPTOR, useClass: Timing }]);
    expect(() => assertIngestRouteRules(interceptors, AsToday)).toThrow(/interceptor\(s\) Timing/);
  });

  it('fails for route metadata the fast route does not honour', async () => {
    const app = await withProviders(APP_GUARDS);
    expect(() => assertIngestRouteRules(app, RateLimited)).toThrow(/@RateLimit\(\)/);
    expect(() => assertIngestRouteRules(app, WithRoles)).toThrow(/@Roles\(\)/);
    expect(() => assertIngestRouteRules(app, Intercepted)).toThrow(/@UseInterceptors\(\)/);
    expect(() => assertIngestRouteRules(app, NotPublic)).toThrow(/no longer @Public/);
  });

  it('fails when no global guard can be found (Nest changed how APP_GUARD providers are kept)', async () => {
    const app = await withProviders([]);
    expect(() => assertIngestRouteRules(app, AsToday)).toThrow(/found no APP_GUARD/);
  });
});
