import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Page views (`we_page_load`) per UTC day × page. `page` is the path without query string or
 * fragment, so UTM-tagged links count with their page. Landings and bounces are per session-day:
 * the session's first page view of the day, and sessions with a single page view that day.
 */
@Entity({ tableName: 'analytics_daily_pages' })
@Index({ properties: ['day'] })
export class DailyPage {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'text' })
  page!: string;

  @Property({ type: 'integer' })
  pageViews!: number;

  @Property({ type: 'integer' })
  uniqueSessions!: number;

  @Property({ type: 'integer' })
  uniqueUsers!: number;

  @Property({ type: 'integer' })
  landings!: number;

  @Property({ type: 'integer' })
  bounces!: number;
}
