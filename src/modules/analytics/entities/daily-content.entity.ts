import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Learning events per UTC day × course × class × type × action × video milestone (percent from
 * `custom_data.milestone`): starts, completions, milestones, contests, and watch time (sum of
 * `custom_data.watched_seconds`). Anonymous events included. Counts and sums only: distinct
 * learners per class, over any range, come from `analytics_daily_user_content`.
 */
@Entity({ tableName: 'analytics_daily_content' })
@Index({ properties: ['day'] })
export class DailyContent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'text', nullable: true })
  courseId: string | null = null;

  @Property({ type: 'text', nullable: true })
  classId: string | null = null;

  @Property({ type: 'text' })
  eventType!: string;

  @Property({ type: 'text', nullable: true })
  eventAction: string | null = null;

  @Property({ type: 'smallint', nullable: true })
  milestone: number | null = null;

  @Property({ type: 'integer' })
  events!: number;

  @Property({ type: 'bigint' })
  watchSeconds!: string;
}
