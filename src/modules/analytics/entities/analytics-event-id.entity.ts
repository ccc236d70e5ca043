import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { createdAtColumn } from '../../../infra/database/base-columns.js';

/**
 * Ids that clients sent with their events, kept for a while so a retried batch is not stored twice.
 * `analytics_events` cannot enforce a unique id on its own: a partitioned table's unique keys must
 * include the partition key, and a retry without a client timestamp gets a new server timestamp.
 * Rows older than the dedup window are deleted by the daily job.
 */
@Entity({ tableName: 'analytics_event_ids' })
export class AnalyticsEventId {
  [OptionalProps]?: 'receivedAt';

  @PrimaryKey({ type: 'text' })
  id!: string;

  @Index()
  @Property(createdAtColumn())
  receivedAt: Date = new Date();
}
