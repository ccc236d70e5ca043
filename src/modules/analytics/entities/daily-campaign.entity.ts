import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** Events, page views and login_success events per UTC day × UTM source/medium/campaign (null: none). */
@Entity({ tableName: 'analytics_daily_campaigns' })
@Index({ properties: ['day'] })
export class DailyCampaign {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'text', nullable: true })
  utmSource: string | null = null;

  @Property({ type: 'text', nullable: true })
  utmMedium: string | null = null;

  @Property({ type: 'text', nullable: true })
  utmCampaign: string | null = null;

  @Property({ type: 'integer' })
  events!: number;

  @Property({ type: 'integer' })
  pageViews!: number;

  @Property({ type: 'integer' })
  logins!: number;
}
