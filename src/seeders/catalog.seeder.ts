import type { EntityManager } from '@mikro-orm/postgresql';
import { assertOneOf } from '../common/errors/domain-error.js';
import { CONTENT_TYPES, COURSE_LEVELS, COURSE_TYPES } from '../modules/courses/index.js';
import { CourseClass } from '../modules/courses/entities/course-class.entity.js';
import { CourseModule } from '../modules/courses/entities/course-module.entity.js';
import { Course } from '../modules/courses/entities/course.entity.js';
import { Topic } from '../modules/courses/entities/topic.entity.js';
import type { Catalog } from './catalog.js';
import { insertIgnoringConflicts } from './insert.js';

export interface CatalogCounts {
  courses: number;
  modules: number;
  topics: number;
  classes: number;
}

/**
 * Inserts courses, modules, topics and classes, parents first (foreign keys). Query-builder inserts
 * skip the entities' @BeforeCreate enum checks, so the same checks run here.
 */
export async function seedCatalog(em: EntityManager, catalog: Catalog): Promise<CatalogCounts> {
  const { rows } = catalog;
  for (const course of rows.courses) {
    assertOneOf('level', course.level, COURSE_LEVELS);
    assertOneOf('type', course.type, COURSE_TYPES);
  }
  for (const cls of rows.classes)
    assertOneOf('contentType', cls.contentType, CONTENT_TYPES, { nullable: true });

  return {
    courses: await insertIgnoringConflicts(em, Course, rows.courses),
    modules: await insertIgnoringConflicts(em, CourseModule, rows.modules, undefined, true),
    topics: await insertIgnoringConflicts(em, Topic, rows.topics, undefined, true),
    classes: await insertIgnoringConflicts(em, CourseClass, rows.classes, undefined, true),
  };
}
