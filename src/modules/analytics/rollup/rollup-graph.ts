import { createHash } from 'node:crypto';
import { RAW_EVENTS_TABLE } from './rollup-manifest.js';
import { ROLLUPS, type Rollup } from './rollup-sql.js';

export { RAW_EVENTS_TABLE };

/** Everything a rollup's statements read, as its manifest declares (rollup-manifest.ts): raw events and/or other rollups' tables. */
const READS = new Map(ROLLUPS.map((r) => [r.name, r.reads]));

export function rollupReads(name: string): readonly string[] {
  const reads = READS.get(name);
  if (!reads) throw new Error(`unknown rollup ${name}`);
  return reads;
}

/** Derived from stored aggregates alone: it can be rebuilt for a day whose raw events are gone. */
export const readsRawEvents = (name: string): boolean => rollupReads(name).includes(RAW_EVENTS_TABLE);

/** The rollups named and, transitively, every rollup that reads what they write; in write order. */
export function withDependents(names: readonly string[]): Rollup[] {
  const wanted = new Set(names);
  for (const name of names) if (!READS.has(name)) throw new Error(`unknown rollup ${name}`);
  // ROLLUPS is in write order, each after what it reads: one pass sees every dependent.
  for (const r of ROLLUPS) {
    if (rollupReads(r.name).some((table) => ROLLUPS.some((o) => o.table === table && wanted.has(o.name))))
      wanted.add(r.name);
  }
  return ROLLUPS.filter((r) => wanted.has(r.name));
}

/**
 * A rollup's version: a hash of everything it runs. The ledger records it with each day, so a
 * derived aggregate whose definition changed is derived again (see AnalyticsRollupLedger.pendingDays).
 */
export const ROLLUP_VERSIONS: ReadonlyMap<string, string> = new Map(
  ROLLUPS.map((r) => [
    r.name,
    createHash('sha256')
      .update([r.insert, r.copy?.select ?? '', r.copy?.then ?? ''].join('\n'))
      .digest('hex')
      .slice(0, 16),
  ]),
);

export function rollupVersion(name: string): string {
  const version = ROLLUP_VERSIONS.get(name);
  if (!version) throw new Error(`unknown rollup ${name}`);
  return version;
}
