import { Index, Entity, ManyToOne, PrimaryKey, Property, Unique, OptionalProps } from '@mikro-orm/core';
import { createdAtColumn, newId } from '../../../infra/database/base-columns.js';
import { Course } from '../../courses/entities/course.entity.js';
import { User } from '../../users/entities/user.entity.js';

/** Enrolment: the user may open the course. One row per (user, course). */
@Entity({ tableName: 'course_access' })
@Unique({ properties: ['user', 'course'] })
export class CourseAccess {
  /** Columns with defaults: optional when creating. */
  [OptionalProps]?: 'grantedAt';

  @PrimaryKey({ type: 'text' })
  id: string = newId();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Index()
  @ManyToOne(() => Course, { deleteRule: 'cascade' })
  course!: Course;

  /** Indexed for the reports (enrolments in a date range). */
  @Index()
  @Property(createdAtColumn())
  grantedAt: Date = new Date();
}
