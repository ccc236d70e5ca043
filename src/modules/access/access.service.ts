import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { readPreferringReplica } from '../../infra/database/replica-fallback.js';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { isStaff, type AuthUser } from '../../common/auth/auth-user.js';
import { pageOffset, type PageQueryDto } from '../../common/pagination/pagination.js';
import { EMPTY_TRACKING, type TrackingContext } from '../../common/tracking/tracking-context.js';
import { newId } from '../../infra/database/base-columns.js';
import { CatalogService } from '../courses/index.js';
import { UserLookupService } from '../users/index.js';
import { ACCESS_EVENTS, AccessGrantedEvent, AccessRevokedEvent } from './access.events.js';
import { noAccess, unknownUser } from './access.errors.js';
import type { BulkGrantAccessDto, BulkGrantResultDto, GrantResultDto } from './dto/access.dto.js';
import { CourseAccess } from './entities/course-access.entity.js';

const GRANTED_BETWEEN = `granted_at >= ?::date::timestamp AT TIME ZONE 'UTC' AND granted_at < (?::date + 1)::timestamp AT TIME ZONE 'UTC'`;

export interface Member {
  userId: string;
  email: string;
  name: string | null;
  grantedAt: Date;
}

/** Who may open which course: enrolment, and the gate every piece of course content goes through. */
@Injectable()
export class AccessService {
  private readonly logger = new Logger(AccessService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly catalog: CatalogService,
    private readonly users: UserLookupService,
    private readonly events: EventEmitter2,
  ) {}

  async hasAccess(userId: string, courseId: string): Promise<boolean> {
    return (await this.em.count(CourseAccess, { user: userId, course: courseId })) > 0;
  }

  /** Staff may open everything; a learner only the courses they are enrolled in (403 otherwise). */
  async assertCanOpen(user: AuthUser, courseId: string): Promise<void> {
    if (isStaff(user)) return;
    if (!(await this.hasAccess(user.id, courseId))) throw noAccess(courseId);
  }

  /** Idempotent: granting an existing enrolment changes nothing and says so (`created: false`). */
  async grant(
    courseId: string,
    userId: string,
    actor: AuthUser,
    tracking: TrackingContext = EMPTY_TRACKING,
  ): Promise<GrantResultDto> {
    await this.catalog.course(courseId);
    if (!(await this.users.existingIds([userId])).has(userId)) throw unknownUser(userId);
    const [created] = await this.insert(courseId, [userId]);
    if (created)
      await this.events.emitAsync(
        ACCESS_EVENTS.granted,
        new AccessGrantedEvent(courseId, userId, actor.id, tracking),
      );
    const row = await this.em.findOneOrFail(CourseAccess, { user: userId, course: courseId });
    return { courseId, userId, grantedAt: row.grantedAt, created: Boolean(created) };
  }

  /** Enrols many users by id and/or e-mail; unknown ones are reported back, not dropped silently. */
  async grantMany(
    courseId: string,
    request: BulkGrantAccessDto,
    actor: AuthUser,
  ): Promise<BulkGrantResultDto> {
    await this.catalog.course(courseId);
    const emails = request.emails ?? [];
    const byEmail = await this.users.idsByEmail(emails);
    const givenIds = [...new Set(request.userIds ?? [])];
    const existing = await this.users.existingIds(givenIds);
    const candidates = [...new Set([...givenIds.filter((id) => existing.has(id)), ...byEmail.values()])];
    const granted = await this.em.transactional((em) => this.insert(courseId, candidates, em));
    for (const userId of granted) {
      await this.events.emitAsync(
        ACCESS_EVENTS.granted,
        new AccessGrantedEvent(courseId, userId, actor.id, EMPTY_TRACKING),
      );
    }
    const grantedSet = new Set(granted);
    return {
      granted,
      alreadyEnrolled: candidates.filter((id) => !grantedSet.has(id)),
      unknownUserIds: givenIds.filter((id) => !existing.has(id)),
      unknownEmails: [...new Set(emails.map((e) => e.trim().toLowerCase()))].filter((e) => !byEmail.has(e)),
    };
  }

  /** Idempotent: revoking a missing enrolment is not an error. Progress rows are kept (history). */
  async revoke(courseId: string, userId: string, actor: AuthUser): Promise<void> {
    await this.catalog.course(courseId);
    const removed = await this.em.nativeDelete(CourseAccess, { user: userId, course: courseId });
    if (removed)
      await this.events.emitAsync(ACCESS_EVENTS.revoked, new AccessRevokedEvent(courseId, userId, actor.id));
  }

  /** Revokes several enrolments at once (back office); returns how many existed. */
  async revokeMany(courseId: string, userIds: string[], actor: AuthUser): Promise<number> {
    let removed = 0;
    for (const userId of new Set(userIds)) {
      const count = await this.em.nativeDelete(CourseAccess, { user: userId, course: courseId });
      if (count)
        await this.events.emitAsync(
          ACCESS_EVENTS.revoked,
          new AccessRevokedEvent(courseId, userId, actor.id),
        );
      removed += count;
    }
    return removed;
  }

  async members(courseId: string, page: PageQueryDto): Promise<{ items: Member[]; total: number }> {
    await this.catalog.course(courseId);
    const [rows, total] = await this.em.findAndCount(
      CourseAccess,
      { course: courseId },
      {
        populate: ['user'],
        orderBy: [{ grantedAt: 'desc' }, { id: 'asc' }],
        limit: page.pageSize,
        offset: pageOffset(page),
      },
    );
    return {
      items: rows.map((r) => ({
        userId: r.user.id,
        email: r.user.email,
        name: r.user.name,
        grantedAt: r.grantedAt,
      })),
      total,
    };
  }

  /** The user's enrolments, newest first. */
  async enrolments(userId: string): Promise<{ courseId: string; grantedAt: Date }[]> {
    const rows = await this.em.find(CourseAccess, { user: userId }, { orderBy: { grantedAt: 'desc' } });
    return rows.map((r) => ({ courseId: r.course.id, grantedAt: r.grantedAt }));
  }

  /**
   * Enrolments granted per UTC day and course, from `from` to `to` ('YYYY-MM-DD', included): reports,
   * on the read replica when there is one (DATABASE_REPLICA_URL).
   */
  async enrolmentsByDay(
    from: string,
    to: string,
    courseId?: string,
  ): Promise<{ day: string; courseId: string; enrolments: number }[]> {
    const rows = await readPreferringReplica(
      (connection) =>
        this.em.getConnection(connection).execute<{ day: string; course_id: string; enrolments: number }[]>(
          `SELECT to_char(granted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, course_id, count(*)::int AS enrolments
       FROM course_access WHERE ${GRANTED_BETWEEN} ${courseId ? 'AND course_id = ?' : ''}
       GROUP BY 1, 2 ORDER BY 1, 2`,
          courseId ? [from, to, courseId] : [from, to],
        ),
      this.logger,
    );
    return rows.map((r) => ({ day: r.day, courseId: r.course_id, enrolments: r.enrolments }));
  }

  /** Learners enrolled in each course at the end of UTC day `day` (still enrolled now): reports. */
  async enrolledCounts(day: string, courseId?: string): Promise<Map<string, number>> {
    // course_enrolment_days: kept by triggers on course_access (sql/triggers/course-enrolment-days.sql).
    const rows = await this.em.getConnection().execute<{ course_id: string; n: number }[]>(
      `SELECT course_id, sum(enrolled)::int AS n FROM course_enrolment_days
       WHERE day <= ?::date ${courseId ? 'AND course_id = ?' : ''} GROUP BY 1 HAVING sum(enrolled) > 0`,
      courseId ? [day, courseId] : [day],
    );
    return new Map(rows.map((r) => [r.course_id, r.n]));
  }

  countEnrolments(userId: string): Promise<number> {
    return this.em.count(CourseAccess, { user: userId });
  }

  /** Inserts the missing enrolments; returns the user ids that were new. */
  private async insert(courseId: string, userIds: string[], em: EntityManager = this.em): Promise<string[]> {
    if (!userIds.length) return [];
    const rows = await em.getConnection().execute<{ user_id: string }[]>(
      `INSERT INTO course_access (id, user_id, course_id)
       SELECT gen.id, gen.user_id, ? FROM unnest(ARRAY[?]::text[], ARRAY[?]::text[]) AS gen(id, user_id)
       ON CONFLICT (user_id, course_id) DO NOTHING RETURNING user_id`,
      [courseId, userIds.map(() => newId()), userIds],
      'all',
      em.getTransactionContext(),
    );
    return rows.map((r) => r.user_id);
  }
}
