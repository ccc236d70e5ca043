import { Entity, Index, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/**
 * One row per user per UTC day with events: active users over any range (DAU/WAU/MAU) are
 * COUNT(DISTINCT user_id), exact. The spec counts a user active on `is_logged_in` events, hence
 * `logged_in_events`; `registered` marks the day of a login that created the account.
 */
@Entity({ tableName: 'analytics_daily_user_activity' })
@Index({ properties: ['userId'] })
export class DailyUserActivity {
  [PrimaryKeyProp]?: ['day', 'userId'];

  @PrimaryKey({ type: 'date' })
  day!: string;

  @PrimaryKey({ type: 'text' })
  userId!: string;

  @Property({ type: 'integer' })
  events!: number;

  @Property({ type: 'integer' })
  loggedInEvents!: number;

  @Property({ type: 'integer' })
  sessions!: number;

  @Property({ type: 'integer' })
  pageViews!: number;

  @Property({ type: 'integer' })
  logins!: number;

  @Property({ type: 'boolean' })
  registered!: boolean;

  @Property({ type: 'timestamptz' })
  firstAt!: Date;

  @Property({ type: 'timestamptz' })
  lastAt!: Date;
}
