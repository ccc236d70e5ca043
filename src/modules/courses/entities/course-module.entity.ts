import {
  Index,
  ArrayType,
  BeforeCreate,
  BeforeUpdate,
  Entity,
  ManyToOne,
  PrimaryKey,
  Property,
  OptionalProps,
  Unique,
  DeferMode,
} from '@mikro-orm/core';
import { newId } from '../../../infra/database/base-columns.js';
import { assertOrder } from '../courses.rules.js';
import { Course } from './course.entity.js';

/** A row of the spec's `modules` table (named so it is not confused with a Nest module). */
/** Positions are unique per course, checked at commit (a move renumbers siblings in steps). */
@Unique({ properties: ['course', 'order'], deferMode: DeferMode.INITIALLY_DEFERRED })
@Entity({ tableName: 'modules' })
export class CourseModule {
  /** Columns with defaults: optional when creating. */
  [OptionalProps]?: 'learningOutcomes';

  @PrimaryKey({ type: 'text' })
  id: string = newId();

  @Index()
  @ManyToOne(() => Course, { deleteRule: 'cascade' })
  course!: Course;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'integer' })
  order!: number;

  @Property({ type: ArrayType, columnType: 'text[]', defaultRaw: `'{}'` })
  learningOutcomes: string[] = [];

  @BeforeCreate()
  @BeforeUpdate()
  protected checkOrder(): void {
    assertOrder(this.order);
  }
}
