import type { Rng } from './random.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * How far back the demo history reaches. Raw events are meant to be pruned after 90 days, so a good
 * share of the history is older than that on purpose.
 */
export const HISTORY_DAYS = 150;

/*
 * The generators work in "virtual time": milliseconds relative to the anchor (start of today, UTC).
 * Past days are negative offsets; [0, DAY) is today. Nothing generated depends on the real date,
 * only the final mapping to timestamps does, so every run produces the same rows (same ids) while
 * the dates stay fresh.
 */
export const TIMELINE_START = -HISTORY_DAYS * DAY;
export const TIMELINE_END = DAY;
/** Sessions start early enough to end (they last up to ~1.5 h) before the virtual day is over. */
export const LAST_SESSION_START = TIMELINE_END - 2 * HOUR;

export class Timeline {
  /** Start of the current UTC day. */
  readonly anchor: Date;

  constructor(readonly now: Date = new Date()) {
    this.anchor = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  }

  /**
   * Past offsets map one to one. Today's virtual 24 hours are squeezed into the part of today that
   * has already elapsed: nothing lands in the future, and the set of rows does not depend on the hour
   * the seeder runs (which would break idempotency), only their timestamps do.
   */
  toDate(offset: number): Date {
    const anchor = this.anchor.getTime();
    if (offset < 0) return new Date(anchor + Math.round(offset));
    const elapsedToday = this.now.getTime() - anchor;
    return new Date(anchor + Math.floor((Math.min(offset, DAY) / DAY) * elapsedToday));
  }
}

/** Start (virtual) of the day containing `offset`. */
export const dayOf = (offset: number): number => Math.floor(offset / DAY) * DAY;

/**
 * Relative activity per UTC hour: the audience is spread over several time zones, quiet at night
 * in Europe and busiest from mid-afternoon to late evening.
 */
const HOUR_WEIGHTS = [3, 2, 2, 1, 1, 1, 2, 3, 5, 6, 7, 8, 8, 9, 10, 11, 12, 12, 11, 10, 9, 7, 5, 4];
const HOUR_ENTRIES = HOUR_WEIGHTS.map((weight, hour) => [hour, weight] as const);

/** A realistic time of day (ms after midnight). */
export function timeOfDay(rng: Rng): number {
  return rng.weighted(HOUR_ENTRIES) * HOUR + rng.int(0, HOUR - 1);
}

/** Seconds to milliseconds, keeping whole milliseconds so timestamps stay tidy. */
export const seconds = (value: number): number => Math.round(value * SECOND);
