import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { RATE_LIMIT_KEY, type RouteRateLimit } from './rate-limit.decorator.js';
import { clientKey } from './client-key.js';
import { RateLimitService } from './rate-limit.service.js';

/**
 * Global guard for `@RateLimit()` routes, keyed by client IP (`req.ip`, which honours the
 * `TRUST_PROXY` setting so the real client is counted behind a load balancer).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<RouteRateLimit | undefined>(RATE_LIMIT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) return true;
    const req = context.switchToHttp().getRequest<Request>();
    await this.limits.consume({
      key: `${rule.name}:${clientKey(req.ip)}`,
      limit: rule.limit ?? this.config.auth.rateLimitPerMinute,
      windowSeconds: rule.windowSeconds ?? 60,
    });
    return true;
  }
}
