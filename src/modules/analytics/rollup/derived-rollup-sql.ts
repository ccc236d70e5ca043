import { ROLLUPS, type Rollup } from './rollup-sql.js';

/**
 * Aggregates the reports read, derived from the base aggregates of the same day (never from raw
 * events), so they can be rebuilt for days whose raw events are gone, and they are cheap to roll up.
 * They run after the base aggregates they read, in the same transaction (rollup-manifest.ts, group
 * 'derived'; statements in sql/rollups/).
 *
 * `history`: the rollup also reads earlier days of its own table (previous occurrence of a session
 * or a member, first occurrence of a milestone), by the table's key: no other B-tree of these tables
 * starts with `day` (see the migration history_lookup_indexes), which the planner could otherwise
 * scan backwards once per row when statistics are missing. Their rows go in key order: each
 * lookup and insert then lands next to the previous one in the key's index, not at random. Such rollups depend on the days before being
 * rolled up first (the daily job rolls days up oldest first), and the reports compute their
 * equivalent for a day not rolled up yet at query time instead of rolling it up on the fly.
 */
export type DerivedRollup = Rollup;

export const DERIVED_ROLLUPS: DerivedRollup[] = ROLLUPS.filter((r) => r.group === 'derived');

export const derivedRollup = (name: string): DerivedRollup | undefined =>
  DERIVED_ROLLUPS.find((r) => r.name === name);
