import { describe, expect, it } from '@jest/globals';
import { newId } from './ids.js';

describe('newId', () => {
  it('makes 24-character lower-case ids that start with a letter (what the event validator accepts as a CUID)', () => {
    for (let i = 0; i < 1000; i++) expect(newId()).toMatch(/^c[0-9a-z]{23}$/);
  });

  it('sorts by creation time, also within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    expect([...ids].sort()).toEqual(ids);
  });

  it('never repeats across 300,000 ids', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300_000; i++) seen.add(newId());
    expect(seen.size).toBe(300_000);
  });

  it('starts with the creation time in base 36', () => {
    const before = Date.now();
    const id = newId();
    const at = parseInt(id.slice(1, 10), 36);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });
});
