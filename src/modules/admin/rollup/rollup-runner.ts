/**
 * What the back office needs from the analytics rollups. The analytics module provides it under
 * `ROLLUP_RUNNER` (an adapter over its rollup service); without a provider the back office says
 * the rollup is unavailable instead of pretending.
 */
export interface RollupRunner {
  /** Rolls up every UTC day from `from` to `to` (YYYY-MM-DD, both included), whatever the ledger says. */
  run(from: string, to: string): Promise<RollupRunResult>;
  /** Ledger, partitions, sizes: shown as they are. */
  status(): Promise<Record<string, unknown>>;
}

/** `ran: false` when another instance holds the analytics lock. */
export type RollupRunResult = { ran: true; result: unknown } | { ran: false };

export const ROLLUP_RUNNER = Symbol('ROLLUP_RUNNER');
