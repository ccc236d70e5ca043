import { ArrayType, Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/**
 * One row per session per UTC day it has events (a session crossing midnight has a row on each
 * day). Whole-session figures over any range combine the rows: duration = max(last_at) −
 * min(first_at), page views = sum, bounce = one page view in total.
 *
 * `funnel[k]` (k = 0…6, 1-based in SQL) is the login-funnel step the session reaches by the end
 * of the day when it entered the day having done k steps in order: composing the days' arrays
 * gives the strict ordered funnel of a session that spans midnight; `funnel[1]` alone is the
 * step reached from scratch.
 */
@Entity({ tableName: 'analytics_daily_sessions' })
export class DailySession {
  [PrimaryKeyProp]?: ['day', 'sessionId'];

  @PrimaryKey({ type: 'date' })
  day!: string;

  @PrimaryKey({ type: 'text' })
  sessionId!: string;

  @Property({ type: 'text', nullable: true })
  userId: string | null = null;

  @Property({ type: 'text', nullable: true })
  platform: string | null = null;

  @Property({ type: 'timestamptz' })
  firstAt!: Date;

  @Property({ type: 'timestamptz' })
  lastAt!: Date;

  @Property({ type: 'integer' })
  events!: number;

  @Property({ type: 'integer' })
  pageViews!: number;

  /** Path of the first page view of the day. */
  @Property({ type: 'text', nullable: true })
  landingPage: string | null = null;

  /** UTM of the first event of the day that has a source (first touch). */
  @Property({ type: 'text', nullable: true })
  utmSource: string | null = null;

  @Property({ type: 'text', nullable: true })
  utmMedium: string | null = null;

  @Property({ type: 'text', nullable: true })
  utmCampaign: string | null = null;

  @Property({ type: 'boolean' })
  loggedIn!: boolean;

  @Property({ type: new ArrayType((step) => Number(step)), columnType: 'smallint[]' })
  funnel!: number[];
}
