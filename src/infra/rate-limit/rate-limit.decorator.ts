import { SetMetadata } from '@nestjs/common';

export const RATE_LIMIT_KEY = 'rateLimit';

export interface RouteRateLimit {
  /** Bucket name: routes sharing a name share a counter per client IP. */
  name: string;
  /** Defaults to AUTH_RATE_LIMIT_PER_MINUTE (with a 60 s window). */
  limit?: number;
  windowSeconds?: number;
}

/** Limits requests per client IP on this route (see RateLimitGuard). */
export const RateLimit = (rule: RouteRateLimit) => SetMetadata(RATE_LIMIT_KEY, rule);
