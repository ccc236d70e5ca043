import {
  BeforeCreate,
  BeforeUpdate,
  Index,
  Entity,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  OptionalProps,
} from '@mikro-orm/core';
import { createdAtColumn, timestamptz, newId } from '../../../infra/database/base-columns.js';
import { CourseClass } from '../../courses/entities/course-class.entity.js';
import { User } from '../../users/entities/user.entity.js';
import { applyCompletionRules } from '../progress.rules.js';

/** How far one user got in one class. One row per (user, class). */
@Entity({ tableName: 'user_progress' })
@Unique({ properties: ['user', 'courseClass'] })
export class UserProgress {
  /** Columns with defaults: optional when creating. */
  [OptionalProps]?: 'isCompleted' | 'lastWatchedAt';

  @PrimaryKey({ type: 'text' })
  id: string = newId();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Index()
  @ManyToOne(() => CourseClass, { deleteRule: 'cascade', fieldName: 'class_id' })
  courseClass!: CourseClass;

  /** Seconds watched in total. */
  @Property({ type: 'integer' })
  watchedDuration!: number;

  /** Resume point in seconds. */
  @Property({ type: 'integer', nullable: true })
  lastPosition: number | null = null;

  @Property({ type: 'boolean', default: false })
  isCompleted: boolean = false;

  /** Indexed for the reports (activity and completions in a date range). */
  @Index()
  @Property(createdAtColumn())
  lastWatchedAt: Date = new Date();

  @Index()
  @Property(timestamptz({ nullable: true }))
  completedAt: Date | null = null;

  @BeforeCreate()
  @BeforeUpdate()
  protected applyRules(): void {
    applyCompletionRules(this);
  }
}
