import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/** UTC days `from`…`to`, both included ('YYYY-MM-DD'). */
export interface DayWindow {
  from: string;
  to: string;
}

const within = (column: string) =>
  `${column} >= ?::date::timestamp AT TIME ZONE 'UTC' AND ${column} < (?::date + 1)::timestamp AT TIME ZONE 'UTC'`;

/** Classes per course: a course is complete for a learner when all of its classes are. */
const CLASSES_PER_COURSE = `SELECT t.course_id, count(*) AS classes FROM classes k JOIN topics t ON t.id = k.topic_id GROUP BY t.course_id`;

/**
 * The reporting read model over the learning tables (progress, with the enrolments and the course
 * tree it is measured against), for the analytics reports. Like the module milestones of the
 * progress service, these need enrolments, classes and progress in one SQL statement: one query per
 * report instead of one per learner. Read-only; every figure counts the course's *current* classes.
 */
@Injectable()
export class LearningStatsService {
  constructor(private readonly em: EntityManager) {}

  /** Learners enrolled in the window, per course, and how many of them have completed every class. */
  async completionByCourse(
    w: DayWindow,
    courseId?: string,
  ): Promise<{ courseId: string; enrolled: number; completed: number }[]> {
    const rows = await this.em
      .getConnection()
      .execute<{ course_id: string; enrolled: number; completed: number }[]>(
        `WITH cohort AS (SELECT user_id, course_id FROM course_access WHERE ${within('granted_at')} ${courseId ? 'AND course_id = ?' : ''}),
       done AS (
         SELECT c.user_id, c.course_id, count(*) AS completed
         FROM cohort c JOIN topics t ON t.course_id = c.course_id JOIN classes k ON k.topic_id = t.id
         JOIN user_progress up ON up.user_id = c.user_id AND up.class_id = k.id AND up.is_completed
         GROUP BY 1, 2)
       SELECT c.course_id, count(*)::int AS enrolled,
         (count(*) FILTER (WHERE n.classes > 0 AND d.completed = n.classes))::int AS completed
       FROM cohort c LEFT JOIN (${CLASSES_PER_COURSE}) n ON n.course_id = c.course_id
       LEFT JOIN done d ON d.user_id = c.user_id AND d.course_id = c.course_id
       GROUP BY c.course_id`,
        params(w, courseId),
      );
    return rows.map((r) => ({ courseId: r.course_id, enrolled: r.enrolled, completed: r.completed }));
  }

  /**
   * Courses completed in the window (the moment the last class was completed), with the time from
   * enrolment, in seconds. A completion before the (current) enrolment is not counted.
   */
  async completions(
    w: DayWindow,
    courseId?: string,
  ): Promise<{ courseId: string; userId: string; seconds: number }[]> {
    const rows = await this.em
      .getConnection()
      .execute<{ course_id: string; user_id: string; seconds: string }[]>(
        `WITH finishers AS (SELECT DISTINCT up.user_id FROM user_progress up WHERE ${within('up.completed_at')}),
       per AS (
         SELECT ca.user_id, ca.course_id, ca.granted_at, count(*) AS classes,
           count(up.id) FILTER (WHERE up.is_completed) AS completed, max(up.completed_at) AS completed_at
         FROM course_access ca JOIN finishers f ON f.user_id = ca.user_id
         JOIN topics t ON t.course_id = ca.course_id JOIN classes k ON k.topic_id = t.id
         LEFT JOIN user_progress up ON up.user_id = ca.user_id AND up.class_id = k.id
         ${courseId ? 'WHERE ca.course_id = ?' : ''}
         GROUP BY 1, 2, 3)
       SELECT course_id, user_id, extract(epoch FROM completed_at - granted_at) AS seconds FROM per
       WHERE completed = classes AND ${within('completed_at')} AND completed_at >= granted_at`,
        [w.from, w.to, ...(courseId ? [courseId] : []), w.from, w.to],
      );
    return rows.map((r) => ({ courseId: r.course_id, userId: r.user_id, seconds: Number(r.seconds) }));
  }

  /**
   * Where learners stop: enrolled learners who have not completed the course, whose last activity
   * in it falls in the window and was `inactiveDays` or more before `now`, per course and the class
   * of that last activity.
   */
  async dropOffs(
    w: DayWindow,
    now: Date,
    inactiveDays: number,
    courseId?: string,
  ): Promise<{ courseId: string; classId: string; learners: number }[]> {
    const rows = await this.em
      .getConnection()
      .execute<{ course_id: string; class_id: string; learners: number }[]>(
        `WITH active AS (SELECT DISTINCT user_id FROM user_progress WHERE ${within('last_watched_at')}),
       per AS (
         SELECT up.user_id, t.course_id, max(up.last_watched_at) AS last_at,
           count(*) FILTER (WHERE up.is_completed) AS completed,
           (array_agg(up.class_id ORDER BY up.last_watched_at DESC, up.class_id DESC))[1] AS last_class
         FROM user_progress up JOIN active a ON a.user_id = up.user_id
         JOIN classes k ON k.id = up.class_id JOIN topics t ON t.id = k.topic_id
         ${courseId ? 'WHERE t.course_id = ?' : ''}
         GROUP BY 1, 2)
       SELECT p.course_id, p.last_class AS class_id, count(*)::int AS learners
       FROM per p JOIN course_access ca ON ca.user_id = p.user_id AND ca.course_id = p.course_id
       JOIN (${CLASSES_PER_COURSE}) n ON n.course_id = p.course_id
       WHERE ${within('p.last_at')} AND p.last_at < ?::timestamptz - make_interval(days => ?) AND p.completed < n.classes
       GROUP BY 1, 2`,
        [w.from, w.to, ...(courseId ? [courseId] : []), w.from, w.to, now, inactiveDays],
      );
    return rows.map((r) => ({ courseId: r.course_id, classId: r.class_id, learners: r.learners }));
  }

  /**
   * Per content type, the learner × class rows last watched in the window: watched seconds, watched
   * share of the class duration (numeric division, so not just 0 or 100) and completions.
   */
  async watchTime(
    w: DayWindow,
    courseId?: string,
  ): Promise<
    {
      contentType: string;
      learnerClasses: number;
      watchedSeconds: number;
      watchPercentSum: number;
      percentRows: number;
      completed: number;
    }[]
  > {
    const rows = await this.em.getConnection().execute<
      {
        content_type: string;
        n: number;
        seconds: string;
        percent_sum: string | null;
        percent_rows: number;
        completed: number;
      }[]
    >(
      `SELECT coalesce(k.content_type, 'video') AS content_type, count(*)::int AS n, sum(up.watched_duration) AS seconds,
         sum(100.0 * up.watched_duration / nullif(k.duration, 0)) AS percent_sum, count(nullif(k.duration, 0))::int AS percent_rows,
         (count(*) FILTER (WHERE up.is_completed))::int AS completed
       FROM user_progress up JOIN classes k ON k.id = up.class_id
       ${courseId ? 'JOIN topics t ON t.id = k.topic_id AND t.course_id = ?' : ''}
       WHERE ${within('up.last_watched_at')}
       GROUP BY 1`,
      [...(courseId ? [courseId] : []), w.from, w.to],
    );
    return rows.map((r) => ({
      contentType: r.content_type,
      learnerClasses: r.n,
      watchedSeconds: Number(r.seconds),
      watchPercentSum: Number(r.percent_sum ?? 0),
      percentRows: r.percent_rows,
      completed: r.completed,
    }));
  }
}

const params = (w: DayWindow, courseId?: string) => [w.from, w.to, ...(courseId ? [courseId] : [])];
