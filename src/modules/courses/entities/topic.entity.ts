import { BeforeCreate, BeforeUpdate, Index, Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { InvalidFieldError } from '../../../common/errors/domain-error.js';
import { newId } from '../../../infra/database/base-columns.js';
import { assertOrder } from '../courses.rules.js';
import { CourseModule } from './course-module.entity.js';
import { Course } from './course.entity.js';

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

  /** A topic's course is its module's course (also enforced by a database trigger). */
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
