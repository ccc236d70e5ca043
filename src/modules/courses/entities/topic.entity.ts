import { BeforeCreate, BeforeUpdate, Index, Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
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

  @BeforeCreate()
  @BeforeUpdate()
  protected checkOrder(): void {
    assertOrder(this.order);
  }
}
