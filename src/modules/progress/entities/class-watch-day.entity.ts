import { Entity, Index, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/**
 * One row per class and UTC day: the `user_progress` rows of the class last watched that day,
 * their watched seconds and completions, kept by database triggers on every write (API, back
 * office, imports, cascades), for the watch-time report. Never written by the app. No foreign key
 * to classes: a deleted class's progress rows are deleted by cascade, which empties its rows here.
 * The triggers: `src/modules/progress/sql/triggers/class-watch-days.sql`.
 */
@Entity({ tableName: 'class_watch_days' })
export class ClassWatchDay {
  [PrimaryKeyProp]?: ['classId', 'day'];

  @PrimaryKey({ type: 'text' })
  classId!: string;

  @Index()
  @PrimaryKey({ type: 'date' })
  day!: string;

  @Property({ type: 'integer' })
  learners!: number;

  @Property({ type: 'bigint' })
  watchedSeconds!: string;

  @Property({ type: 'integer' })
  completed!: number;
}
