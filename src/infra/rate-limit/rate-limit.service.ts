import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RateLimitedError } from '../../common/errors/rate-limited.error.js';

export interface RateLimitRule {
  /** What is limited, e.g. `otp-email:ann@example.com` or `auth-ip:203.0.113.7`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

/** What `consume` read, when it refused: the previous window already weighted. */
interface CounterCheck {
  taken: number | null;
  previous_weighted: number;
  previous_last_hit: Date | null;
  current: number | null;
  current_last_hit: Date | null;
}

interface Windows {
  now: number;
  nowDate: Date;
  /** A window whose last hit is at or before this has no hit left in the sliding window. */
  staleBefore: Date;
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
    const [row] = await this.em.execute<CounterCheck[]>(
      `WITH previous AS (
         SELECT coalesce((SELECT CASE WHEN last_hit_at <= ? THEN 0 ELSE hits * ?::float8 END
                            FROM rate_limit_counters WHERE key = ? AND window_start = ?), 0) AS weighted,
                (SELECT last_hit_at FROM rate_limit_counters WHERE key = ? AND window_start = ?) AS last_hit_at
       ), taken AS (
         INSERT INTO rate_limit_counters (key, window_start, hits, expires_at, last_hit_at)
         SELECT ?, ?, 1, ?, ? FROM previous WHERE previous.weighted + 1 <= ?
         ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1, last_hit_at = excluded.last_hit_at
           WHERE rate_limit_counters.hits + 1 + (SELECT weighted FROM previous) <= ?
         RETURNING hits
       )
       SELECT (SELECT hits FROM taken) AS taken,
              (SELECT weighted FROM previous) AS previous_weighted,
              (SELECT last_hit_at FROM previous) AS previous_last_hit,
              c.hits AS current, c.last_hit_at AS current_last_hit
         FROM (SELECT 1) AS one
         LEFT JOIN rate_limit_counters c ON c.key = ? AND c.window_start = ?`,
      [
        w.staleBefore,
        w.previousWeight,
        rule.key,
        w.previous,
        rule.key,
        w.previous,
        rule.key,
        w.current,
        w.expires,
        w.nowDate,
        rule.limit,
        rule.limit,
        rule.key,
        w.current,
      ],
    );
    if (!row || row.taken === null) throw new RateLimitedError(retryAfterSeconds(rule, w, row));
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
      `INSERT INTO rate_limit_counters (key, window_start, hits, expires_at, last_hit_at) VALUES (?, ?, 1, ?, ?)
       ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1, last_hit_at = excluded.last_hit_at`,
      [rule.key, w.current, w.expires, w.nowDate],
      'run',
    );
  }

  /** The hits the sliding window ending now holds (weighted as `consume` weighs them). */
  async estimate(rule: Omit<RateLimitRule, 'limit'>): Promise<number> {
    const w = windows(rule.windowSeconds);
    const rows = await this.em.execute<{ window_start: Date; hits: number; last_hit_at: Date | null }[]>(
      `SELECT window_start, hits, last_hit_at FROM rate_limit_counters WHERE key = ? AND window_start IN (?, ?)`,
      [rule.key, w.previous, w.current],
    );
    return rows.reduce((sum, r) => {
      if (new Date(r.window_start).getTime() === w.current.getTime()) return sum + r.hits;
      return sum + r.hits * previousWeight(w, r.last_hit_at);
    }, 0);
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
    nowDate: new Date(now),
    staleBefore: new Date(now - windowMs),
    windowMs,
    current: new Date(start),
    previous: new Date(start - windowMs),
    previousWeight: 1 - (now - start) / windowMs,
    expires: new Date(start + 2 * windowMs),
  };
}

/** How much the previous window's hits weigh now: none once its last hit is a window old. */
function previousWeight(w: Windows, lastHitAt: Date | null): number {
  return lastHitAt !== null && new Date(lastHitAt).getTime() <= w.staleBefore.getTime()
    ? 0
    : w.previousWeight;
}

/**
 * When the sliding window will next have room for one hit, given what it holds now: when the
 * weighted estimate drops low enough, or when the window it waits on has its last hit a window
 * old, whichever is first, so never more than one window.
 */
function retryAfterSeconds(rule: RateLimitRule, w: Windows, row: CounterCheck | undefined): number {
  const elapsed = w.now - w.current.getTime();
  const current = row?.current ?? 0;
  const weightedPrevious = row?.previous_weighted ?? 0;
  const room = rule.limit - 1 - current; // what the previous window's weighted hits must fall to
  let waitMs: number;
  let lastHit: Date | null;
  if (room >= 0 && weightedPrevious > 0) {
    // Within this window: the weighted previous hits fall linearly to 0 at the window's end.
    const previous = weightedPrevious / w.previousWeight;
    waitMs = w.windowMs * (1 - room / previous) - elapsed;
    lastHit = row?.previous_last_hit ?? null;
  } else {
    // Next window, where this window's hits weigh in: current × (1 − t' / W) ≤ limit − 1.
    const next = current > 0 ? w.windowMs * Math.max(0, 1 - (rule.limit - 1) / current) : 0;
    waitMs = w.windowMs - elapsed + next;
    lastHit = row?.current_last_hit ?? null;
  }
  if (lastHit !== null) waitMs = Math.min(waitMs, new Date(lastHit).getTime() + w.windowMs - w.now);
  return Math.max(1, Math.ceil(waitMs / 1000));
}
