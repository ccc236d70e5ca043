import { Entity, Index, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { dayBrinIndex } from './day-brin-index.js';

/**
 * One row per session per UTC day it has events (the keys of `analytics_daily_sessions`), with the
 * previous day the session had events: the reports find the sessions that span several days of a
 * range through `prev_day` and put them together whole. `converted`: a login_success that day.
 */
@Entity({ tableName: 'analytics_daily_session_days' })
@Index(dayBrinIndex('analytics_daily_session_days'))
@Index({ properties: ['prevDay'] })
export class DailySessionDay {
  [PrimaryKeyProp]?: ['sessionId', 'day'];

  @PrimaryKey({ type: 'text' })
  sessionId!: string;

  @PrimaryKey({ type: 'date' })
  day!: string;

  @Property({ type: 'date', nullable: true })
  prevDay: string | null = null;

  @Property({ type: 'boolean' })
  converted!: boolean;
}
