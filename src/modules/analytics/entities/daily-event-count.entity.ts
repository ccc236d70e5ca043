import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** Events per UTC day × type × action × platform. */
@Entity({ tableName: 'analytics_daily_events' })
@Index({ properties: ['day'] })
export class DailyEventCount {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'text' })
  eventType!: string;

  @Property({ type: 'text', nullable: true })
  eventAction: string | null = null;

  @Property({ type: 'text', nullable: true })
  platform: string | null = null;

  @Property({ type: 'integer' })
  events!: number;

  @Property({ type: 'integer' })
  uniqueUsers!: number;

  @Property({ type: 'integer' })
  uniqueSessions!: number;

  /** Events without a user id. */
  @Property({ type: 'integer' })
  anonymousEvents!: number;

  @Property({ type: 'integer' })
  loggedInEvents!: number;
}
