import type { EntityManager } from '@mikro-orm/postgresql';
import { CourseClass } from './entities/course-class.entity.js';
import { CourseModule } from './entities/course-module.entity.js';
import type { Course } from './entities/course.entity.js';
import { Topic } from './entities/topic.entity.js';

/** A course with all its modules, topics and classes, each list in display order. */
export interface CourseTree {
  course: Course;
  modules: CourseModule[];
  /** All topics: those of modules, then the loose ones (module null). */
  topics: Topic[];
  classes: CourseClass[];
}

/** Three queries, whatever the size of the course. */
export async function loadCourseTree(em: EntityManager, course: Course): Promise<CourseTree> {
  const [modules, topics] = await Promise.all([
    em.find(CourseModule, { course }, { orderBy: { order: 'asc', id: 'asc' } }),
    em.find(Topic, { course }, { orderBy: { order: 'asc', id: 'asc' } }),
  ]);
  const classes = topics.length
    ? await em.find(
        CourseClass,
        { topic: { $in: topics.map((t) => t.id) } },
        { orderBy: { order: 'asc', id: 'asc' } },
      )
    : [];
  return { course, modules, topics, classes };
}

/** Classes in the order a learner meets them: modules in order, their topics, then loose topics. */
export function classesInOutlineOrder(tree: CourseTree): CourseClass[] {
  const moduleRank = new Map(tree.modules.map((m, i) => [m.id, i]));
  const topicRank = (t: Topic) =>
    [t.module ? (moduleRank.get(t.module.id) ?? 0) : tree.modules.length, t.order] as const;
  const topics = [...tree.topics].sort((a, b) => {
    const [am, ao] = topicRank(a);
    const [bm, bo] = topicRank(b);
    return am - bm || ao - bo;
  });
  const byTopic = groupBy(tree.classes, (k) => k.topic.id);
  return topics.flatMap((t) => byTopic.get(t.id) ?? []);
}

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}
