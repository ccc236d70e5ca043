import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RateLimitedError } from '../src/common/errors/rate-limited.error.js';
import { RateLimitService } from '../src/infra/rate-limit/rate-limit.service.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * The PostgreSQL sliding-window limiter on its own. The weighted estimate spreads a window's hits
 * evenly over it; the last-hit time bounds what that guess can cost: no hit counts for longer than
 * one window, so a refusal never asks a client to wait more than one window. These hold at any
 * time of the hour (an hour-long window is used on purpose: CI starts at arbitrary minutes).
 */
describe('rate limiter', () => {
  let t: TestApp;
  let limits: RateLimitService;
  let n = 0;
  const key = () => `limiter-test:${++n}:${Date.now()}`;
  const hour = 3600;
  const hourStart = () => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);

  beforeAll(async () => {
    t = await createTestApp();
    limits = t.app.get(RateLimitService);
  });
  afterAll(() => t.close());

  const refusal = async (rule: { key: string; limit: number; windowSeconds: number }) => {
    const error = await limits.consume(rule).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RateLimitedError);
    return error as RateLimitedError;
  };

  it('refuses past the limit and never asks for a wait longer than the window', async () => {
    const rule = { key: key(), limit: 2, windowSeconds: hour };
    // Twenty hits counted whatever the limit (as `record` does for figures other rules read).
    for (let i = 0; i < 20; i++) await limits.record(rule);
    const error = await refusal(rule);
    // The estimate alone would say "the rest of this hour, then most of the next one".
    expect(error.retryAfterSeconds).toBeGreaterThan(hour - 10);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(hour);
  });

  it('a window whose last hit is one window old no longer counts against the next', async () => {
    const rule = { key: key(), limit: 3, windowSeconds: hour };
    const previousStart = new Date(hourStart().getTime() - hour * 1000);
    // The previous hour is full, but its last hit came at its very start: a full hour ago.
    await t.orm.em
      .getConnection()
      .execute(
        `INSERT INTO rate_limit_counters (key, window_start, hits, expires_at, last_hit_at) VALUES (?, ?, 3, ?, ?)`,
        [rule.key, previousStart, new Date(previousStart.getTime() + 2 * hour * 1000), previousStart],
      );
    await limits.consume(rule);
    expect(await limits.estimate(rule)).toBe(1);
  });

  it('a previous window with a recent last hit still weighs in, and its refusal ends when that hit ages out', async () => {
    const rule = { key: key(), limit: 1, windowSeconds: hour };
    const previousStart = new Date(hourStart().getTime() - hour * 1000);
    // Its last hit was one second before this hour began: it leaves the window one second into the next hour.
    const lastHit = new Date(hourStart().getTime() - 1000);
    await t.orm.em
      .getConnection()
      .execute(
        `INSERT INTO rate_limit_counters (key, window_start, hits, expires_at, last_hit_at) VALUES (?, ?, 1, ?, ?)`,
        [rule.key, previousStart, new Date(previousStart.getTime() + 2 * hour * 1000), lastHit],
      );
    const untilAgedOut = Math.ceil((lastHit.getTime() + hour * 1000 - Date.now()) / 1000);
    const error = await refusal(rule);
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(Math.max(1, untilAgedOut - 2));
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(untilAgedOut + 1);
  });

  it('rows counted before the last-hit column existed are weighed by the estimate alone', async () => {
    const rule = { key: key(), limit: 5, windowSeconds: hour };
    await t.orm.em
      .getConnection()
      .execute(
        `INSERT INTO rate_limit_counters (key, window_start, hits, expires_at, last_hit_at) VALUES (?, ?, 5, ?, NULL)`,
        [rule.key, hourStart(), new Date(hourStart().getTime() + 2 * hour * 1000)],
      );
    const error = await refusal(rule);
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(await limits.estimate(rule)).toBe(5);
  });
});
