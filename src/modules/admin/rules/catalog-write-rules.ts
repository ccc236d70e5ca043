import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { InvalidFieldError } from '../../../common/errors/domain-error.js';
import { CourseClass } from '../../courses/entities/course-class.entity.js';
import { CourseModule } from '../../courses/entities/course-module.entity.js';
import { Topic } from '../../courses/entities/topic.entity.js';
import type { WriteContext } from '../resources/backoffice-resource.js';

/**
 * The catalog rules that need the database, applied to every back-office write of modules, topics
 * and classes before it is flushed. (Rules of a single row — enums, content per type, URLs,
 * completion timestamps — live in the entities' lifecycle hooks and apply to every writer.)
 *
 * This is the one place the back office learns the catalog's write rules: when the courses module
 * has its own service for them, provide `CATALOG_WRITE_RULES` with an adapter to it.
 */
export interface CatalogWriteRules {
  beforeModuleWrite(ctx: WriteContext): Promise<void>;
  beforeTopicWrite(ctx: WriteContext): Promise<void>;
  beforeClassWrite(ctx: WriteContext): Promise<void>;
}

export const CATALOG_WRITE_RULES = Symbol('CATALOG_WRITE_RULES');

/** Until the courses service exists: ordering and topic/course consistency, written here. */
@Injectable()
export class BackOfficeCatalogRules implements CatalogWriteRules {
  async beforeModuleWrite({ em, entity }: WriteContext): Promise<void> {
    const module = entity as CourseModule;
    module.order ??= await nextOrder(em, 'modules', 'course_id', module.course.id);
  }

  async beforeTopicWrite({ em, entity }: WriteContext): Promise<void> {
    const topic = entity as Topic;
    if (topic.module) {
      const module = await em.findOneOrFail(CourseModule, topic.module.id, {
        fields: ['course'],
      });
      // A topic belongs to its module's course: fill it in, or refuse a different one.
      if (!topic.course) topic.course = module.course;
      else if (topic.course.id !== module.course.id) {
        throw new InvalidFieldError('course', 'course must be the course of the topic’s module');
      }
    }
    if (!topic.course) throw new InvalidFieldError('course', 'course is required (or pick a module)');
    topic.order ??= topic.module
      ? await nextOrder(em, 'topics', 'module_id', topic.module.id)
      : await nextOrder(em, 'topics', 'course_id', topic.course.id, 'module_id is null');
  }

  async beforeClassWrite({ em, entity }: WriteContext): Promise<void> {
    const courseClass = entity as CourseClass;
    courseClass.order ??= await nextOrder(em, 'classes', 'topic_id', courseClass.topic.id);
  }
}

/** The next display order among siblings: one past the highest. */
async function nextOrder(
  em: EntityManager,
  table: string,
  parentColumn: string,
  parentId: string,
  extra?: string,
): Promise<number> {
  const [row] = await em
    .getConnection()
    .execute<{ next: number }[]>(
      `select coalesce(max("order"), 0) + 1 as next from ${table} where ${parentColumn} = ?${extra ? ` and ${extra}` : ''}`,
      [parentId],
    );
  return Number(row.next);
}
