import { DomainError } from './domain-error.js';

/** 429; the filter turns `retryAfterSeconds` into a `Retry-After` header. */
export class RateLimitedError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many requests, try again later',
  ) {
    super('rate_limited', 'rate_limited', message, { retryAfterSeconds });
  }
}
