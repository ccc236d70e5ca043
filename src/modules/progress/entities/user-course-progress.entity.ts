import { Entity, Index, ManyToOne, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { timestamptz } from '../../../infra/database/base-columns.js';
import { Course } from '../../courses/entities/course.entity.js';
import { User } from '../../users/entities/user.entity.js';

/**
 * One row per learner and course they have progress in: a summary of their `user_progress` rows
 * over the course's current classes, kept by database triggers on every write (API, back office,
 * imports), for the reports. Never written by the app. The triggers and their advisory lock:
 * `src/modules/progress/sql/triggers/user-course-progress.sql`.
 */
@Entity({ tableName: 'user_course_progress' })
export class UserCourseProgress {
  [PrimaryKeyProp]?: ['user', 'course'];

  @ManyToOne(() => User, { primary: true, deleteRule: 'cascade' })
  user!: User;

  @ManyToOne(() => Course, { primary: true, deleteRule: 'cascade' })
  course!: Course;

  @Property({ type: 'integer' })
  startedClasses!: number;

  @Property({ type: 'integer' })
  completedClasses!: number;

  /** Latest `last_watched_at` over the course's classes. */
  @Index()
  @Property(timestamptz())
  lastActivityAt!: Date;

  /** The class of that latest activity. */
  @Property({ type: 'text' })
  lastClassId!: string;

  /** Latest `completed_at`: when every class is completed, the moment the course was. */
  @Index()
  @Property(timestamptz({ nullable: true }))
  lastCompletedAt: Date | null = null;
}
