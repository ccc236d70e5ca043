import {
  BeforeCreate,
  Entity,
  Index,
  OptionalProps,
  PrimaryKey,
  PrimaryKeyProp,
  Property,
} from '@mikro-orm/core';
import { assertOneOf } from '../../../common/errors/domain-error.js';
import { createdAtColumn, newId } from '../../../infra/database/base-columns.js';
import { PLATFORMS, type Platform } from '../analytics.constants.js';

/**
 * One raw tracking event. `user_id`, `course_id` and `class_id` are plain text on purpose (no
 * foreign keys, as in the spec): events are history and outlive the rows they mention.
 *
 * The table is range-partitioned by day on `timestamp` (see the analytics_partitioning migration),
 * so retention drops whole partitions. PostgreSQL requires the partition key in the primary key,
 * hence `(id, timestamp)`; a client id is still unique thanks to `analytics_event_ids`.
 */
@Entity({ tableName: 'analytics_events' })
@Index({ properties: ['utmSource', 'utmMedium', 'utmCampaign'] })
export class AnalyticsEvent {
  /** Columns with defaults: optional when creating. */
  [OptionalProps]?: 'platform' | 'isLoggedIn' | 'timestamp' | 'createdAt';
  [PrimaryKeyProp]?: ['id', 'timestamp'];

  @PrimaryKey({ type: 'text' })
  id: string = newId();

  @Index()
  @Property({ type: 'text', nullable: true })
  userId: string | null = null;

  /** Login links a session's earlier anonymous events to the user: that lookup needs this index. */
  @Index()
  @Property({ type: 'text', nullable: true })
  sessionId: string | null = null;

  @Index()
  @Property({ type: 'text' })
  eventType!: string;

  @Index()
  @Property({ type: 'text', nullable: true })
  eventAction: string | null = null;

  @Property({ type: 'text', nullable: true })
  buttonName: string | null = null;

  @Property({ type: 'text', nullable: true })
  page: string | null = null;

  @Property({ type: 'text', nullable: true })
  destination: string | null = null;

  @Property({ type: 'text', nullable: true })
  courseId: string | null = null;

  @Property({ type: 'text', nullable: true })
  classId: string | null = null;

  @Property({ type: 'text', nullable: true })
  utmSource: string | null = null;

  @Property({ type: 'text', nullable: true })
  utmMedium: string | null = null;

  @Property({ type: 'text', nullable: true })
  utmCampaign: string | null = null;

  @Property({ type: 'text', nullable: true })
  utmTerm: string | null = null;

  @Property({ type: 'text', nullable: true })
  utmContent: string | null = null;

  @Property({ type: 'text', nullable: true, default: 'web' })
  platform: Platform | null = 'web';

  @Property({ type: 'boolean', default: false })
  isLoggedIn: boolean = false;

  @Property({ type: 'text', nullable: true })
  userEmail: string | null = null;

  @Property({ type: 'json', columnType: 'jsonb', nullable: true })
  customData: Record<string, unknown> | null = null;

  @Index()
  @PrimaryKey(createdAtColumn())
  timestamp: Date = new Date();

  @Property(createdAtColumn())
  createdAt: Date = new Date();

  @BeforeCreate()
  protected checkEnums(): void {
    assertOneOf('platform', this.platform, PLATFORMS, { nullable: true });
  }
}
