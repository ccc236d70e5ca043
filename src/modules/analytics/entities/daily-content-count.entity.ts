import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The content reports' counts per UTC day × course × class (class null: course-level events), one
 * column each, from `analytics_daily_content`: a few hundred rows a day to add up.
 */
@Entity({ tableName: 'analytics_daily_content_counts' })
@Index({ properties: ['day'] })
export class DailyContentCount {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'text', nullable: true })
  courseId: string | null = null;

  @Property({ type: 'text', nullable: true })
  classId: string | null = null;

  /** Page loads carrying the ids. */
  @Property({ type: 'integer' })
  pageViews!: number;

  @Property({ type: 'integer' })
  courseViews!: number;

  @Property({ type: 'integer' })
  classStarts!: number;

  @Property({ type: 'integer' })
  classCompletions!: number;

  @Property({ type: 'integer' })
  reached25!: number;

  @Property({ type: 'integer' })
  reached50!: number;

  @Property({ type: 'integer' })
  reached75!: number;

  @Property({ type: 'integer' })
  contestStarts!: number;

  @Property({ type: 'integer' })
  contestCompletions!: number;

  /** Events of type video_event / contest_event: the class's type when the catalog no longer knows it. */
  @Property({ type: 'integer' })
  videoEvents!: number;

  @Property({ type: 'integer' })
  contestEvents!: number;
}
