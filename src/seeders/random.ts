import { createHash } from 'node:crypto';

/**
 * The one knob behind every generated value and id. Changing it produces a different (but equally
 * deterministic) demo data set, and rows seeded with the old value would no longer be recognised.
 */
export const DEMO_SEED = 20241219;

/** mulberry32: tiny, fast and good enough for demo data; the same seed always gives the same stream. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit FNV-1a, used to turn a label into a PRNG seed. */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class Rng {
  private readonly nextFloat: () => number;

  constructor(seed: number) {
    this.nextFloat = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextFloat();
  }

  float(min: number, max: number): number {
    return min + (max - min) * this.nextFloat();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.nextFloat() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.nextFloat() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.nextFloat() * items.length)] as T; // an index below items.length
  }

  /** Picks a value with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.nextFloat() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries.at(-1);
    if (!last) throw new Error('Rng.weighted: empty list');
    return last[0];
  }

  /** `count` distinct values, each draw proportional to the remaining weights. */
  weightedSample<T>(entries: readonly (readonly [T, number])[], count: number): T[] {
    const pool = [...entries];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) {
      const value = this.weighted(pool);
      chosen.push(value);
      pool.splice(
        pool.findIndex(([candidate]) => candidate === value),
        1,
      );
    }
    return chosen;
  }

  /** Exponentially distributed with the given mean: gaps between visits look bursty, as real ones do. */
  exponential(mean: number): number {
    return -Math.log(1 - this.nextFloat()) * mean;
  }
}

/**
 * An independent stream per label (`journey:17`, `catalog`, …): adding a user or a course changes
 * only the values drawn for it, not everything generated after it.
 */
export const rngFor = (label: string): Rng => new Rng(hash32(`${DEMO_SEED}:${label}`));

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A 24-character id shaped like the application's CUID2 ids, derived from a stable key. The same
 * key yields the same id on every run, which is what makes `ON CONFLICT DO NOTHING` idempotent.
 */
export function stableId(key: string): string {
  const digest = createHash('sha256').update(`${DEMO_SEED}:${key}`).digest();
  let id = String.fromCharCode(97 + (digest.readUInt8(0) % 26));
  for (let i = 1; i < 24; i++) id += BASE36.charAt(digest.readUInt8(i) % 36);
  return id;
}

/** A UUID-v4-shaped string from a stable key, for browser-style session ids. */
export function stableUuid(key: string): string {
  const hex = createHash('sha256').update(`${DEMO_SEED}:uuid:${key}`).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
