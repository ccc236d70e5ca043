import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { AuthUser } from '../../common/auth/auth-user.js';
import type { TrackingContext } from '../../common/tracking/tracking-context.js';
import { APP_CONFIG, type AppConfig } from '../../infra/config/app-config.js';
import { newId, toDate } from '../../infra/database/base-columns.js';
import { AccessService } from '../access/index.js';
import { CatalogService, outlineRelation, type ClassPlacement } from '../courses/index.js';
import type { HeartbeatDto, HeartbeatResultDto } from './dto/progress.dto.js';
import { applyHeartbeat } from './heartbeat.js';
import { positionBeyondEnd } from './progress.errors.js';
import { LearningMilestoneEvent, PROGRESS_EVENTS, type ProgressEventName } from './progress.events.js';
import { firstRow } from '../../common/assert/defined.js';

interface Row {
  watched_duration: number;
  last_position: number | null;
  is_completed: boolean;
  completed_at: Date | string | null;
  seconds_since_last: number;
}

/** Writes progress from the player's heartbeats and announces the milestones they reach. */
@Injectable()
export class ProgressService {
  constructor(
    private readonly em: EntityManager,
    private readonly catalog: CatalogService,
    private readonly access: AccessService,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * One heartbeat: creates the (user, class) row on the first one, then updates it under a row
   * lock, so concurrent heartbeats are applied one after the other and none is lost.
   */
  async heartbeat(
    user: AuthUser,
    classId: string,
    report: HeartbeatDto,
    tracking: TrackingContext,
  ): Promise<HeartbeatResultDto> {
    const placement = await this.catalog.placement(classId);
    await this.access.assertCanOpen(user, placement.courseId);
    const { courseClass } = placement;
    if (report.lastPosition !== undefined && report.lastPosition > courseClass.duration)
      throw positionBeyondEnd(courseClass.duration);
    const contentType = courseClass.contentType ?? 'video';

    const { result, milestones } = await this.em.transactional(async (em) => {
      const conn = em.getConnection();
      const ctx = em.getTransactionContext();
      const inserted = await conn.execute<{ id: string }[]>(
        `INSERT INTO user_progress (id, user_id, class_id, watched_duration) VALUES (?, ?, ?, 0)
         ON CONFLICT (user_id, class_id) DO NOTHING RETURNING id`,
        [newId(), user.id, classId],
        'all',
        ctx,
      );
      const first = inserted.length === 1;
      // The row exists: inserted just above, or already there (ON CONFLICT DO NOTHING).
      const row = firstRow(
        await conn.execute<Row[]>(
          `SELECT watched_duration, last_position, is_completed, completed_at,
                extract(epoch FROM now() - last_watched_at)::float AS seconds_since_last
         FROM user_progress WHERE user_id = ? AND class_id = ? FOR UPDATE`,
          [user.id, classId],
          'all',
          ctx,
        ),
        'user_progress (locked)',
      );
      const outcome = applyHeartbeat(
        {
          watched: row.watched_duration,
          isCompleted: row.is_completed,
          completedAt: toDate(row.completed_at),
          secondsSinceLast: first ? null : row.seconds_since_last,
        },
        report,
        { contentType, duration: courseClass.duration },
        this.config.progress,
        new Date(),
      );
      const lastPosition = report.lastPosition ?? row.last_position;
      await conn.execute(
        `UPDATE user_progress SET watched_duration = ?, last_position = ?, is_completed = ?, completed_at = ?, last_watched_at = now()
         WHERE user_id = ? AND class_id = ?`,
        [outcome.watched, lastPosition, outcome.isCompleted, outcome.completedAt, user.id, classId],
        'run',
        ctx,
      );
      const reached: { name: ProgressEventName; milestone?: 25 | 50 | 75 }[] = [];
      if (first) reached.push({ name: PROGRESS_EVENTS.classStarted });
      reached.push(...outcome.milestones.map((m) => ({ name: PROGRESS_EVENTS.videoProgress, milestone: m })));
      if (outcome.completedNow) reached.push({ name: PROGRESS_EVENTS.classCompleted });
      if (placement.moduleId && (first || outcome.completedNow)) {
        reached.push(
          ...(await this.moduleMilestones(em, user.id, placement.moduleId, first, outcome.completedNow)),
        );
      }
      return {
        result: {
          classId,
          watchedSeconds: outcome.watched,
          lastPosition,
          isCompleted: outcome.isCompleted,
          completedAt: outcome.completedAt,
        },
        milestones: reached,
      };
    });

    // After commit: listeners only ever see milestones that really happened.
    for (const m of milestones) {
      await this.events.emitAsync(
        m.name,
        this.milestone(user, placement, contentType, tracking, m.name, m.milestone),
      );
    }
    return result;
  }

  /**
   * Module started (first class touched) and completed (every class done). Serialised per user and
   * module with a transaction-scoped advisory lock, so two classes finishing at the same moment
   * still see each other and the module completes exactly once.
   */
  private async moduleMilestones(
    em: EntityManager,
    userId: string,
    moduleId: string,
    first: boolean,
    completedNow: boolean,
  ): Promise<{ name: ProgressEventName }[]> {
    const conn = em.getConnection();
    const ctx = em.getTransactionContext();
    await conn.execute(
      `SELECT pg_advisory_xact_lock(hashtext(?))`,
      [`progress:${userId}:${moduleId}`],
      'all',
      ctx,
    );
    const statRows = await conn.execute<{ total: number; done: number; touched: number }[]>(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE up.is_completed)::int AS done,
              count(up.id)::int AS touched
       FROM ${outlineRelation()} c
       LEFT JOIN user_progress up ON up.class_id = c.class_id AND up.user_id = ?
       WHERE c.module_id = ?`,
      [userId, moduleId],
      'all',
      ctx,
    );
    const stats = firstRow(statRows, "the module's class counts");
    const out: { name: ProgressEventName }[] = [];
    if (first && stats.touched === 1) out.push({ name: PROGRESS_EVENTS.moduleStarted });
    if (completedNow && stats.done === stats.total) out.push({ name: PROGRESS_EVENTS.moduleCompleted });
    return out;
  }

  private milestone(
    user: AuthUser,
    placement: ClassPlacement,
    contentType: LearningMilestoneEvent['contentType'],
    tracking: TrackingContext,
    name: ProgressEventName,
    milestone?: 25 | 50 | 75,
  ): LearningMilestoneEvent {
    const moduleLevel = name === PROGRESS_EVENTS.moduleStarted || name === PROGRESS_EVENTS.moduleCompleted;
    return new LearningMilestoneEvent(
      user.id,
      user.email,
      placement.courseId,
      placement.moduleId,
      moduleLevel ? null : placement.courseClass.id,
      moduleLevel ? null : contentType,
      tracking,
      milestone,
    );
  }
}
