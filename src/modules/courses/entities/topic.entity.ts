import {
  BeforeCreate,
  BeforeUpdate,
  Index,
  Entity,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import { InvalidFieldError } from '../../../common/errors/domain-error.js';
import { newId } from '../../../infra/database/base-columns.js';
import { assertOrder } from '../courses.rules.js';
import { CourseModule } from './course-module.entity.js';
import { Course } from './course.entity.js';

/**
 * Positions are unique per module, and among the course's topics without a module (NULLS NOT
 * DISTINCT, which the ORM cannot declare: hand-written, compared by name), checked at commit.
 */
@Unique({
  name: 'topics_course_id_module_id_order_unique',
  expression:
    'alter table "topics" add constraint "topics_course_id_module_id_order_unique" ' +
    'unique nulls not distinct ("course_id", "module_id", "order") deferrable initially deferred',
})
@Entity({ tableName: 'topics' })
export class Topic {
  @PrimaryKey({ type: 'text' })
  id: string = newId();

  /** Nullable in the spec: a topic may hang directly off its course. */
  @Index()
  @ManyToOne(() => CourseModule, { nullable: true, deleteRule: 'cascade' })
  module: CourseModule | null = null;

  @Index()
  @ManyToOne(() => Course, { deleteRule: 'cascade' })
  course!: Course;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'integer' })
  order!: number;

  /**
   * A topic's course is its module's course; the database enforces it for every writer too
   * (`src/modules/courses/sql/triggers/topic-course-matches-module.sql`).
   */
  @BeforeCreate()
  @BeforeUpdate()
  protected checkCourse(): void {
    const moduleCourse = this.module?.course;
    if (moduleCourse && this.course && moduleCourse.id !== this.course.id) {
      throw new InvalidFieldError('moduleId', 'the module belongs to another course');
    }
  }

  @BeforeCreate()
  @BeforeUpdate()
  protected checkOrder(): void {
    assertOrder(this.order);
  }
}
