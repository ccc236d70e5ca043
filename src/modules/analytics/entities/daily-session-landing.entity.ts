import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Session-days per UTC day × platform × first-touch UTM source × landing page (null: no page view
 * that day): bounces (one page view), conversions (a login_success) and page views.
 */
@Entity({ tableName: 'analytics_daily_session_landings' })
@Index({ properties: ['day'] })
export class DailySessionLanding {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'text', nullable: true })
  platform: string | null = null;

  @Property({ type: 'text', nullable: true })
  utmSource: string | null = null;

  @Property({ type: 'text', nullable: true })
  landingPage: string | null = null;

  @Property({ type: 'integer' })
  sessions!: number;

  @Property({ type: 'integer' })
  bounces!: number;

  @Property({ type: 'integer' })
  conversions!: number;

  @Property({ type: 'integer' })
  pageViews!: number;
}
