import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RateLimitedError } from '../../common/errors/rate-limited.error.js';

export interface RateLimitRule {
  /** What is limited, e.g. `otp-email:ann@example.com` or `auth-ip:203.0.113.7`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

interface Windows {
  now: number;
  windowMs: number;
  current: Date;
  previous: Date;
  /** Share of the previous window that still lies within the sliding window ending now. */
  previousWeight: number;
  /** A window's row is read as "previous" during the next window, so it lives two windows. */
  expires: Date;
}

/**
 * Sliding-window limits in PostgreSQL, shared by every instance. Each key has a counter per fixed
 * window; a check weighs the previous window by how much of it the sliding window still covers
 * (the usual approximation: no burst of twice the limit at a window boundary, as fixed windows
 * allow). Only accepted hits are counted: a refused request spends nothing, so hammering a limit
 * never pushes the next allowed moment further away. One atomic statement per check.
 */
@Injectable()
export class RateLimitService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Counts a hit if the limit allows it; otherwise throws `RateLimitedError` (429 + Retry-After)
   * and counts nothing. Runs in the caller's transaction, if any (`em.transactional`).
   */
  async consume(rule: RateLimitRule): Promise<void> {
    const w = windows(rule.windowSeconds);
    const [row] = await this.em.execute<{ taken: number | null; previous: number; current: number }[]>(
      `WITH previous AS (
         SELECT coalesce((SELECT hits FROM rate_limit_counters WHERE key = ? AND window_start = ?), 0) AS hits
       ), taken AS (
         INSERT INTO rate_limit_counters (key, window_start, hits, expires_at)
         SELECT ?, ?, 1, ? FROM previous WHERE previous.hits * ?::float8 + 1 <= ?
         ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1
           WHERE rate_limit_counters.hits + 1 + (SELECT hits FROM previous) * ?::float8 <= ?
         RETURNING hits
       )
       SELECT (SELECT hits FROM taken) AS taken, (SELECT hits FROM previous) AS previous,
              coalesce((SELECT hits FROM rate_limit_counters WHERE key = ? AND window_start = ?), 0) AS current`,
      [
        rule.key,
        w.previous,
        rule.key,
        w.current,
        w.expires,
        w.previousWeight,
        rule.limit,
        w.previousWeight,
        rule.limit,
        rule.key,
        w.current,
      ],
    );
    if (row.taken === null) throw new RateLimitedError(retryAfterSeconds(rule, w, row.previous, row.current));
  }

  /** Gives back a hit counted by `consume` (for limits that count failures only). */
  async refund(rule: RateLimitRule): Promise<void> {
    const w = windows(rule.windowSeconds);
    await this.em.execute(
      `UPDATE rate_limit_counters SET hits = greatest(hits - 1, 0) WHERE key = ? AND window_start = ?`,
      [rule.key, w.current],
      'run',
    );
  }

  /** Counts a hit whatever the limit (for figures other rules read: `estimate`). */
  async record(rule: Omit<RateLimitRule, 'limit'>): Promise<void> {
    const w = windows(rule.windowSeconds);
    await this.em.execute(
      `INSERT INTO rate_limit_counters (key, window_start, hits, expires_at) VALUES (?, ?, 1, ?)
       ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1`,
      [rule.key, w.current, w.expires],
      'run',
    );
  }

  /** The hits the sliding window ending now holds (weighted as `consume` weighs them). */
  async estimate(rule: Omit<RateLimitRule, 'limit'>): Promise<number> {
    const w = windows(rule.windowSeconds);
    const rows = await this.em.execute<{ window_start: Date; hits: number }[]>(
      `SELECT window_start, hits FROM rate_limit_counters WHERE key = ? AND window_start IN (?, ?)`,
      [rule.key, w.previous, w.current],
    );
    return rows.reduce(
      (sum, r) =>
        sum + r.hits * (new Date(r.window_start).getTime() === w.current.getTime() ? 1 : w.previousWeight),
      0,
    );
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

function windows(windowSeconds: number, now = Date.now()): Windows {
  const windowMs = windowSeconds * 1000;
  const start = Math.floor(now / windowMs) * windowMs;
  return {
    now,
    windowMs,
    current: new Date(start),
    previous: new Date(start - windowMs),
    previousWeight: 1 - (now - start) / windowMs,
    expires: new Date(start + 2 * windowMs),
  };
}

/** When the sliding window will next have room for one hit, given what it holds now. */
function retryAfterSeconds(rule: RateLimitRule, w: Windows, previous: number, current: number): number {
  const elapsed = w.now - w.current.getTime();
  const room = rule.limit - 1 - current; // what the previous window's weighted hits must fall to
  let waitMs: number;
  if (room >= 0 && previous > 0) {
    // Within this window: previous × (1 − (elapsed + t) / W) ≤ room.
    waitMs = w.windowMs * (1 - room / previous) - elapsed;
  } else {
    // Next window, where this window's hits weigh in: current × (1 − t' / W) ≤ limit − 1.
    const next = current > 0 ? w.windowMs * Math.max(0, 1 - (rule.limit - 1) / current) : 0;
    waitMs = w.windowMs - elapsed + next;
  }
  return Math.max(1, Math.ceil(waitMs / 1000));
}
