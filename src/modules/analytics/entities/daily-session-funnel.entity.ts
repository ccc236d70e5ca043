import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Session-days per UTC day × platform × first-touch UTM source × login-funnel step reached
 * (0–7, strictly in order, from scratch: `analytics_daily_sessions.funnel[1]`).
 */
@Entity({ tableName: 'analytics_daily_session_funnel' })
@Index({ properties: ['day'] })
export class DailySessionFunnel {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'text', nullable: true })
  platform: string | null = null;

  @Property({ type: 'text', nullable: true })
  utmSource: string | null = null;

  @Property({ type: 'smallint' })
  step!: number;

  @Property({ type: 'integer' })
  sessions!: number;
}
