import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { timestamptz } from '../../infra/database/base-columns.js';

/**
 * One fixed-window counter. Kept in PostgreSQL, not process memory, so limits hold across app
 * instances. Rows past `expires_at` are purged by a job.
 */
@Entity({ tableName: 'rate_limit_counters' })
export class RateLimitCounter {
  @PrimaryKey({ type: 'text' })
  key!: string;

  @PrimaryKey(timestamptz())
  windowStart!: Date;

  @Property({ type: 'integer' })
  hits!: number;

  @Index()
  @Property(timestamptz())
  expiresAt!: Date;

  /** Null on rows counted before the column existed (they are weighed by the estimate alone). */
  @Property(timestamptz({ nullable: true }))
  lastHitAt?: Date | null;
}
