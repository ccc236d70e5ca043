import type { EntityManager } from '@mikro-orm/postgresql';
import type { ContentType } from './courses.constants.js';

/** Courses, modules and classes with their titles and 1-based positions in outline order (reports). */
export interface OutlineIndex {
  courses: { id: string; title: string }[];
  modules: { id: string; courseId: string; title: string; position: number }[];
  classes: {
    id: string;
    courseId: string;
    moduleId: string | null;
    title: string;
    contentType: ContentType;
    position: number;
  }[];
}

/**
 * The order a learner meets them (as `classesInOutlineOrder`): modules in order, their topics in
 * order, then the topics without a module; classes in order within their topic. Three queries for
 * the whole catalog (or one course).
 */
export async function loadOutlineIndex(em: EntityManager, courseId?: string): Promise<OutlineIndex> {
  const conn = em.getConnection();
  const only = courseId ? 'WHERE c.id = ?' : '';
  const params = courseId ? [courseId] : [];
  const courses = await conn.execute<{ id: string; title: string }[]>(
    `SELECT c.id, c.title FROM courses c ${only} ORDER BY c.title, c.id`,
    params,
  );
  const modules = await conn.execute<{ id: string; course_id: string; title: string; position: string }[]>(
    `SELECT m.id, m.course_id, m.title, row_number() OVER (PARTITION BY m.course_id ORDER BY m."order", m.id) AS position
     FROM modules m JOIN courses c ON c.id = m.course_id ${only}`,
    params,
  );
  const classes = await conn.execute<
    {
      id: string;
      course_id: string;
      module_id: string | null;
      title: string;
      content_type: ContentType | null;
      position: string;
    }[]
  >(
    `SELECT k.id, t.course_id, t.module_id, k.title, k.content_type,
       row_number() OVER (PARTITION BY t.course_id ORDER BY m.id IS NULL, m."order", m.id, t."order", t.id, k."order", k.id) AS position
     FROM classes k JOIN topics t ON t.id = k.topic_id JOIN courses c ON c.id = t.course_id LEFT JOIN modules m ON m.id = t.module_id ${only}`,
    params,
  );
  return {
    courses,
    modules: modules.map((m) => ({
      id: m.id,
      courseId: m.course_id,
      title: m.title,
      position: Number(m.position),
    })),
    classes: classes.map((k) => ({
      id: k.id,
      courseId: k.course_id,
      moduleId: k.module_id,
      title: k.title,
      contentType: k.content_type ?? 'video',
      position: Number(k.position),
    })),
  };
}
