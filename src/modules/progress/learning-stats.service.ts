import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { readPreferringReplica } from '../../infra/database/replica-fallback.js';
import { enrolmentDaysRelation, enrolmentsRelation } from '../access/index.js';
import { outlineRelation } from '../courses/index.js';

/** UTC days `from`…`to`, both included ('YYYY-MM-DD'). */
export interface DayWindow {
  from: string;
  to: string;
}

const within = (column: string) =>
  `${column} >= ?::date::timestamp AT TIME ZONE 'UTC' AND ${column} < (?::date + 1)::timestamp AT TIME ZONE 'UTC'`;

/** Classes per course: a course is complete for a learner when all of its classes are. */
const CLASSES_PER_COURSE = `SELECT o.course_id, count(*) AS classes FROM ${outlineRelation()} o GROUP BY o.course_id`;

/** The access module's enrolments (`user_id`, `course_id`, `granted_at`). */
const ENROLMENTS = enrolmentsRelation();

/** The access module's enrolments per course and UTC day (`course_id`, `day`, `enrolled`). */
const ENROLMENT_DAYS = enrolmentDaysRelation();

/**
 * The reporting read model over the learning tables (progress, with the enrolments and the course
 * tree it is measured against), for the analytics reports. Like the module milestones of the
 * progress service, these need enrolments, classes and progress in one SQL statement: one query per
 * report instead of one per learner; they read the enrolments and the classes through the access
 * and courses modules' relations, never those modules' tables. Per learner and course they read
 * `user_course_progress`, the summary the database keeps of the progress rows (so a report reads
 * one row per learner, not every class; its triggers:
 * `src/modules/progress/sql/triggers/user-course-progress.sql`). Read-only; every figure counts the course's *current*
 * classes.
 */
@Injectable()
export class LearningStatsService {
  private readonly logger = new Logger(LearningStatsService.name);

  constructor(private readonly em: EntityManager) {}

  /**
   * Every query here is a report's: it runs on the read replica when DATABASE_REPLICA_URL is set
   * (the ORM never picks the replica by itself: orm.config.ts), on the primary otherwise, and on
   * the primary when the replica cannot answer.
   */
  private query<T extends object[]>(sql: string, values: unknown[]): Promise<T> {
    return readPreferringReplica(
      (connection) => this.em.getConnection(connection).execute<T>(sql, values),
      this.logger,
    );
  }

  /** Learners enrolled in the window, per course, and how many of them have completed every class. */
  async completionByCourse(
    w: DayWindow,
    courseId?: string,
  ): Promise<{ courseId: string; enrolled: number; completed: number }[]> {
    // Enrolled: a sum over the course's days (not every enrolment); completed: only the learners
    // who have completed every current class, each checked against its enrolment's date.
    const only = (column: string) => (courseId ? `AND ${column} = ?` : '');
    const rows = await this.query<{ course_id: string; enrolled: number; completed: number }[]>(
      `SELECT e.course_id, e.enrolled, coalesce(d.completed, 0)::int AS completed
       FROM (SELECT course_id, sum(enrolled)::int AS enrolled FROM ${ENROLMENT_DAYS} ed
             WHERE ed.day >= ?::date AND ed.day <= ?::date ${only('ed.course_id')}
             GROUP BY 1 HAVING sum(enrolled) > 0) e
       LEFT JOIN (SELECT p.course_id, count(*)::int AS completed
             FROM user_course_progress p
             JOIN (${CLASSES_PER_COURSE}) n ON n.course_id = p.course_id AND p.completed_classes = n.classes
             JOIN ${ENROLMENTS} ca ON ca.user_id = p.user_id AND ca.course_id = p.course_id
             WHERE ${within('ca.granted_at')} ${only('p.course_id')}
             GROUP BY 1) d ON d.course_id = e.course_id`,
      [...params(w, courseId), ...params(w, courseId)],
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
    const rows = await this.query<{ course_id: string; user_id: string; seconds: string }[]>(
      `SELECT p.course_id, p.user_id, extract(epoch FROM p.last_completed_at - ca.granted_at) AS seconds
       FROM user_course_progress p JOIN (${CLASSES_PER_COURSE}) n ON n.course_id = p.course_id AND p.completed_classes = n.classes
       JOIN ${ENROLMENTS} ca ON ca.user_id = p.user_id AND ca.course_id = p.course_id
       WHERE ${within('p.last_completed_at')} AND p.last_completed_at >= ca.granted_at ${courseId ? 'AND p.course_id = ?' : ''}`,
      params(w, courseId),
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
    const rows = await this.query<{ course_id: string; class_id: string; learners: number }[]>(
      `SELECT p.course_id, p.last_class_id AS class_id, count(*)::int AS learners
       FROM user_course_progress p JOIN (${CLASSES_PER_COURSE}) n ON n.course_id = p.course_id AND p.completed_classes < n.classes
       JOIN ${ENROLMENTS} ca ON ca.user_id = p.user_id AND ca.course_id = p.course_id
       WHERE ${within('p.last_activity_at')} AND p.last_activity_at < ?::timestamptz - make_interval(days => ?)
         ${courseId ? 'AND p.course_id = ?' : ''}
       GROUP BY 1, 2`,
      [w.from, w.to, now, inactiveDays, ...(courseId ? [courseId] : [])],
    );
    return rows.map((r) => ({ courseId: r.course_id, classId: r.class_id, learners: r.learners }));
  }

  /**
   * Per content type, the learner × class rows last watched in the window: watched seconds, watched
   * share of the class duration (numeric division, so not just 0 or 100) and completions. Read
   * from `class_watch_days` (the same sums per class and UTC day of `last_watched_at`, kept by
   * triggers: `src/modules/progress/sql/triggers/class-watch-days.sql`): days × classes, not
   * every progress row of the window.
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
    const rows = await this.query<
      {
        content_type: string;
        n: number;
        seconds: string;
        percent_sum: string | null;
        percent_rows: number;
        completed: number;
      }[]
    >(
      // Summed per class first (a class's rows share its duration: Σ 100·w/d = 100·Σw/d, one
      // division per class instead of one per learner), then per content type.
      `SELECT coalesce(k.content_type, 'video') AS content_type, sum(p.n)::int AS n, sum(p.seconds) AS seconds,
         sum(100.0 * p.seconds / nullif(k.duration, 0)) AS percent_sum,
         coalesce(sum(p.n) FILTER (WHERE k.duration <> 0), 0)::int AS percent_rows, sum(p.completed)::int AS completed
       FROM (SELECT d.class_id, sum(d.learners) AS n, sum(d.watched_seconds) AS seconds, sum(d.completed) AS completed
             FROM class_watch_days d WHERE d.day BETWEEN ?::date AND ?::date GROUP BY d.class_id) p
       JOIN ${outlineRelation()} k ON k.class_id = p.class_id ${courseId ? 'AND k.course_id = ?' : ''}
       GROUP BY 1`,
      [w.from, w.to, ...(courseId ? [courseId] : [])],
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
