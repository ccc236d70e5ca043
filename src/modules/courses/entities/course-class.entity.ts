import {
  Index,
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
import { assertOneOf } from '../../../common/errors/domain-error.js';
import { newId } from '../../../infra/database/base-columns.js';
import { CONTENT_TYPES, type ContentType } from '../courses.constants.js';
import { assertClassContent, assertNonNegativeInt, assertOrder } from '../courses.rules.js';
import { Topic } from './topic.entity.js';

/** A row of the spec's `classes` table: one lesson (video, text or contest). */
/** Positions are unique per topic, checked at commit (a move renumbers siblings in steps). */
@Unique({ properties: ['topic', 'order'], deferMode: DeferMode.INITIALLY_DEFERRED })
@Entity({ tableName: 'classes' })
export class CourseClass {
  /** Columns with defaults: optional when creating. */
  [OptionalProps]?: 'contentType';

  @PrimaryKey({ type: 'text' })
  id: string = newId();

  @Index()
  @ManyToOne(() => Topic, { deleteRule: 'cascade' })
  topic!: Topic;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'text', nullable: true, default: 'video' })
  contentType: ContentType | null = 'video';

  @Property({ type: 'text', nullable: true })
  videoUrl: string | null = null;

  /** Markdown. */
  @Property({ type: 'text', nullable: true })
  textContent: string | null = null;

  @Property({ type: 'text', nullable: true })
  contestUrl: string | null = null;

  /** Seconds. */
  @Property({ type: 'integer' })
  duration!: number;

  @Property({ type: 'integer' })
  order!: number;

  @BeforeCreate()
  @BeforeUpdate()
  protected checkEnums(): void {
    assertOneOf('contentType', this.contentType, CONTENT_TYPES, { nullable: true });
  }

  @BeforeCreate()
  @BeforeUpdate()
  protected checkContent(): void {
    assertClassContent(this);
    assertNonNegativeInt('duration', this.duration);
    assertOrder(this.order);
  }
}
