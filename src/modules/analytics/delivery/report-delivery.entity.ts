import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { newId, timestamptz } from '../../../infra/database/base-columns.js';
import { ReportSubscription } from './report-subscription.entity.js';

/** One attempt to deliver a subscription: when, which days, how many rows, to whom, and any error. */
@Entity({ tableName: 'report_deliveries' })
export class ReportDelivery {
  @PrimaryKey({ type: 'text' })
  id: string = newId();

  @Index()
  @ManyToOne(() => ReportSubscription, { deleteRule: 'cascade' })
  subscription!: ReportSubscription;

  /** The due time this attempt was for (a retry keeps the original one). */
  @Property(timestamptz())
  scheduledFor!: Date;

  @Index()
  @Property(timestamptz())
  attemptedAt!: Date;

  @Property({ type: 'text' })
  status!: 'sent' | 'failed';

  @Property({ type: 'date', nullable: true })
  rangeFrom: string | null = null;

  @Property({ type: 'date', nullable: true })
  rangeTo: string | null = null;

  @Property({ type: 'integer', nullable: true })
  rows: number | null = null;

  @Property({ type: 'text[]' })
  recipients!: string[];

  @Property({ type: 'text', nullable: true })
  error: string | null = null;
}
