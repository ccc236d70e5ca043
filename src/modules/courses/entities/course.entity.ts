import { BeforeCreate, BeforeUpdate, Entity, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { assertOneOf } from '../../../common/errors/domain-error.js';
import { createdAtColumn, updatedAtColumn, newId } from '../../../infra/database/base-columns.js';
import { COURSE_LEVELS, COURSE_TYPES, type CourseLevel, type CourseType } from '../courses.constants.js';
import { assertHttpUrl, assertNonNegativeInt } from '../courses.rules.js';

@Entity({ tableName: 'courses' })
export class Course {
  /** Columns with defaults: optional when creating. */
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'text' })
  id: string = newId();

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'text', nullable: true })
  thumbnail: string | null = null;

  @Property({ type: 'text', nullable: true })
  instructor: string | null = null;

  /** The author's estimate in minutes (the outline also reports the sum of its classes). */
  @Property({ type: 'integer' })
  duration!: number;

  @Property({ type: 'text' })
  level!: CourseLevel;

  @Property({ type: 'text' })
  type!: CourseType;

  @Property(createdAtColumn())
  createdAt: Date = new Date();

  @Property(updatedAtColumn())
  updatedAt: Date = new Date();

  @BeforeCreate()
  @BeforeUpdate()
  protected checkEnums(): void {
    assertOneOf('level', this.level, COURSE_LEVELS);
    assertOneOf('type', this.type, COURSE_TYPES);
    assertNonNegativeInt('duration', this.duration);
    assertHttpUrl('thumbnail', this.thumbnail);
  }
}
