import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** `module_started` / `module_completed` events of logged-in learners per UTC day × course × module. */
@Entity({ tableName: 'analytics_daily_module_events' })
@Index({ properties: ['day'] })
export class DailyModuleEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'text', nullable: true })
  courseId: string | null = null;

  @Property({ type: 'text' })
  moduleId!: string;

  @Property({ type: 'text' })
  eventAction!: string;

  @Property({ type: 'integer' })
  events!: number;
}
