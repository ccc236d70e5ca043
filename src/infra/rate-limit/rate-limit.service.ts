import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RateLimitedError } from '../../common/errors/rate-limited.error.js';

export interface RateLimitRule {
  /** What is limited, e.g. `otp-email:ann@example.com` or `auth-ip:203.0.113.7`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL: one atomic upsert per check, so concurrent requests on any
 * number of instances count correctly.
 */
@Injectable()
export class RateLimitService {
  constructor(private readonly em: EntityManager) {}

  /** Counts a hit; throws `RateLimitedError` (429 + Retry-After) once the window's limit is passed. */
  async consume(rule: RateLimitRule): Promise<void> {
    const now = Date.now();
    const windowMs = rule.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
    const windowEnd = new Date(windowStart.getTime() + windowMs);
    const [row] = await this.em.getConnection().execute<{ hits: number }[]>(
      `INSERT INTO rate_limit_counters (key, window_start, hits, expires_at) VALUES (?, ?, 1, ?)
       ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1
       RETURNING hits`,
      [rule.key, windowStart, windowEnd],
    );
    if (row.hits > rule.limit) {
      throw new RateLimitedError(Math.max(1, Math.ceil((windowEnd.getTime() - now) / 1000)));
    }
  }

  async purgeExpired(): Promise<number> {
    const result = await this.em
      .getConnection()
      .execute<{ affectedRows: number }>(
        `DELETE FROM rate_limit_counters WHERE expires_at < now()`,
        [],
        'run',
      );
    return result.affectedRows;
  }
}
