import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Events per UTC day × UTM source/medium/campaign × session × user (null UTM = direct traffic).
 * Summing gives the daily campaign figures; COUNT(DISTINCT session_id / user_id) over any range
 * gives exact unique sessions, users and converted users (`logins > 0`), as the spec's query 3
 * would on raw events. Per user and session it also keeps what the daily user activity adds up.
 */
@Entity({ tableName: 'analytics_daily_utm' })
export class DailyUtm {
  @PrimaryKey({ type: 'date' })
  day!: string;

  /** Numbers the day's rows: the key (day, row_no) also serves reads by day (see ROW_NO in rollup-sql.ts). */
  @PrimaryKey({ type: 'integer', autoincrement: false })
  rowNo!: number;

  @Property({ type: 'text', nullable: true })
  utmSource: string | null = null;

  @Property({ type: 'text', nullable: true })
  utmMedium: string | null = null;

  @Property({ type: 'text', nullable: true })
  utmCampaign: string | null = null;

  @Property({ type: 'text', nullable: true })
  sessionId: string | null = null;

  @Property({ type: 'text', nullable: true })
  userId: string | null = null;

  @Property({ type: 'integer' })
  events!: number;

  @Property({ type: 'integer' })
  pageViews!: number;

  /** `login_success` events. */
  @Property({ type: 'integer' })
  logins!: number;

  // The user's activity in the session (`analytics_daily_user_activity` adds these up per user).
  // NULL on rows rolled up before these columns existed.

  @Property({ type: 'integer', nullable: true })
  loggedInEvents: number | null = null;

  /** A `login_success` with `custom_data.new_user` true. */
  @Property({ type: 'boolean', nullable: true })
  registered: boolean | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  firstAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  lastAt: Date | null = null;
}
