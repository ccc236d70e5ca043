import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A user's learning events per UTC day × course × module × class × type × action, with first and
 * last time: completion by course (all classes completed), time to complete, drop-off points,
 * discovery → enrolment, module progression and time between milestones, over any range.
 */
@Entity({ tableName: 'analytics_daily_user_content' })
export class DailyUserContent {
  @PrimaryKey({ type: 'date' })
  day!: string;

  /** Numbers the day's rows: the key (day, row_no) also serves reads by day (see ROW_NO in rollup-sql.ts). */
  @PrimaryKey({ type: 'integer', autoincrement: false })
  rowNo!: number;

  @Property({ type: 'text' })
  userId!: string;

  @Property({ type: 'text', nullable: true })
  courseId: string | null = null;

  /** From `custom_data.module_id` (the spec has no module column). */
  @Property({ type: 'text', nullable: true })
  moduleId: string | null = null;

  @Property({ type: 'text', nullable: true })
  classId: string | null = null;

  @Property({ type: 'text' })
  eventType!: string;

  @Property({ type: 'text', nullable: true })
  eventAction: string | null = null;

  @Property({ type: 'integer' })
  events!: number;

  @Property({ type: 'timestamptz' })
  firstAt!: Date;

  @Property({ type: 'timestamptz' })
  lastAt!: Date;

  @Property({ type: 'bigint' })
  watchSeconds!: string;

  @Property({ type: 'smallint', nullable: true })
  maxMilestone: number | null = null;
}
