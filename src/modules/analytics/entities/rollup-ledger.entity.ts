import { Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { timestamptz } from '../../../infra/database/base-columns.js';

export type RollupStatus = 'done' | 'failed' | 'pending' | 'provisional';

/**
 * One row per (rollup, day): written in the same transaction as the day's aggregates ('done'), or
 * after a failed attempt ('failed'), or by a migration whose aggregate the day lacks ('pending':
 * the rebuild derives it from the day's stored aggregates), or by an intraday refresh of today so far
 * ('provisional', up to `coversUntil`; the nightly run makes it 'done'). Retention drops a day's raw events only when every rollup of
 * that day is 'done' and ran after the day could no longer receive late events.
 */
@Entity({ tableName: 'analytics_rollup_ledger' })
export class RollupLedgerEntry {
  [PrimaryKeyProp]?: ['rollup', 'day'];

  @PrimaryKey({ type: 'text' })
  rollup!: string;

  /** UTC day, 'YYYY-MM-DD'. */
  @PrimaryKey({ type: 'date' })
  day!: string;

  @Property({ type: 'text' })
  status!: RollupStatus;

  /** Aggregate rows written for the day. */
  @Property({ type: 'integer' })
  rows!: number;

  /** Raw events the day had when it was rolled up. */
  @Property({ type: 'bigint' })
  sourceEvents!: string;

  @Property(timestamptz())
  startedAt!: Date;

  @Property(timestamptz())
  finishedAt!: Date;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  /** Hash of the SQL of the rollup that wrote the entry (rollup-graph.ts); null before versions. */
  @Property({ type: 'text', nullable: true })
  version: string | null = null;

  /** A provisional day (today so far): its aggregates count events with timestamps up to this. */
  @Property(timestamptz({ nullable: true }))
  coversUntil: Date | null = null;
}
