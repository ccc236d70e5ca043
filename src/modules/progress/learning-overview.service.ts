import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isStaff, type AuthUser } from '../../common/auth/auth-user.js';
import type { Page, PageQueryDto } from '../../common/pagination/pagination.js';
import { toDate } from '../../infra/database/base-columns.js';
import { AccessService } from '../access/index.js';
import { CatalogService, classesInOutlineOrder, type CourseTree } from '../courses/index.js';
import type {
  ClassProgressDto,
  Completion,
  ContinueDto,
  CourseProgressDto,
  MemberDto,
  MyCourseDto,
  TopicProgressDto,
} from './dto/progress.dto.js';
import { UserProgress } from './entities/user-progress.entity.js';
import { staffOnlyParameter } from './progress.errors.js';

/** completed / total as a percentage with one decimal (0 for an empty course). */
export function completion(completedClasses: number, totalClasses: number): Completion {
  return {
    completedClasses,
    totalClasses,
    percent: totalClasses ? Math.round((1000 * completedClasses) / totalClasses) / 10 : 0,
  };
}

/**
 * Read side of progress. Percentages count completed classes among the course's *current* classes,
 * so they never pass 100% and drop when a class is added to a finished module.
 */
@Injectable()
export class LearningOverviewService {
  constructor(
    private readonly em: EntityManager,
    private readonly catalog: CatalogService,
    private readonly access: AccessService,
  ) {}

  async courseProgress(caller: AuthUser, courseId: string, forUserId?: string): Promise<CourseProgressDto> {
    if (forUserId && forUserId !== caller.id && !isStaff(caller)) throw staffOnlyParameter('userId');
    const userId = forUserId ?? caller.id;
    const tree = await this.catalog.tree(courseId);
    await this.access.assertCanOpen(caller, courseId);
    const rows = await this.rowsFor(
      userId,
      tree.classes.map((k) => k.id),
    );
    const topicDto = (topicId: string, title: string): TopicProgressDto => ({
      topicId,
      title,
      classes: tree.classes
        .filter((k) => k.topic.id === topicId)
        .map((k) => classProgress(k, rows.get(k.id))),
    });
    const done = (topics: TopicProgressDto[]) => {
      const classes = topics.flatMap((t) => t.classes);
      return completion(classes.filter((c) => c.isCompleted).length, classes.length);
    };
    const modules = tree.modules.map((m) => {
      const topics = tree.topics.filter((t) => t.module?.id === m.id).map((t) => topicDto(t.id, t.title));
      return { moduleId: m.id, title: m.title, topics, ...done(topics) };
    });
    const loose = tree.topics.filter((t) => !t.module).map((t) => topicDto(t.id, t.title));
    return {
      courseId,
      userId,
      modules,
      topics: loose,
      ...done([...modules.flatMap((m) => m.topics), ...loose]),
    };
  }

  /** Enrolled courses, newest enrolment first, with completion, last activity and where to continue. */
  async myCourses(user: AuthUser): Promise<MyCourseDto[]> {
    const enrolments = await this.access.enrolments(user.id);
    return Promise.all(
      enrolments.map(async ({ courseId, grantedAt }) => {
        const tree = await this.catalog.tree(courseId);
        const rows = await this.rowsFor(
          user.id,
          tree.classes.map((k) => k.id),
        );
        const completed = [...rows.values()].filter((r) => r.isCompleted).length;
        const lastActivityAt = latest([...rows.values()].map((r) => r.lastWatchedAt));
        return {
          courseId,
          title: tree.course.title,
          thumbnail: tree.course.thumbnail,
          enrolledAt: grantedAt,
          lastActivityAt,
          continueWith: continueIn(tree, rows),
          ...completion(completed, tree.classes.length),
        };
      }),
    );
  }

  /** The most recently watched unfinished class across my courses, or null. */
  async continueWatching(user: AuthUser): Promise<ContinueDto | null> {
    const courseIds = (await this.access.enrolments(user.id)).map((e) => e.courseId);
    if (!courseIds.length) return null;
    const row = await this.em.findOne(
      UserProgress,
      { user: user.id, isCompleted: false, courseClass: { topic: { course: { $in: courseIds } } } },
      {
        orderBy: { lastWatchedAt: 'desc' },
        populate: ['courseClass', 'courseClass.topic', 'courseClass.topic.course'],
      },
    );
    if (!row) return null;
    const k = row.courseClass;
    return {
      courseId: k.topic.course.id,
      courseTitle: k.topic.course.title,
      classId: k.id,
      classTitle: k.title,
      contentType: k.contentType ?? 'video',
      lastPosition: row.lastPosition ?? 0,
      lastWatchedAt: row.lastWatchedAt,
    };
  }

  async members(courseId: string, page: PageQueryDto): Promise<Page<MemberDto>> {
    const { items, total } = await this.access.members(courseId, page);
    const classIds = (await this.catalog.tree(courseId)).classes.map((k) => k.id);
    const stats = await this.statsFor(
      items.map((m) => m.userId),
      classIds,
    );
    return {
      items: items.map((m) => ({
        ...m,
        lastActivityAt: stats.get(m.userId)?.lastActivityAt ?? null,
        ...completion(stats.get(m.userId)?.completed ?? 0, classIds.length),
      })),
      total,
      page: page.page,
      pageSize: page.pageSize,
    };
  }

  /** The user's last progress heartbeat, over all classes. */
  async lastActivityAt(userId: string): Promise<Date | null> {
    const row = await this.em.findOne(
      UserProgress,
      { user: userId },
      { orderBy: { lastWatchedAt: 'desc' }, fields: ['lastWatchedAt'] },
    );
    return row?.lastWatchedAt ?? null;
  }

  private async rowsFor(userId: string, classIds: string[]): Promise<Map<string, UserProgress>> {
    if (!classIds.length) return new Map();
    const rows = await this.em.find(UserProgress, { user: userId, courseClass: { $in: classIds } });
    return new Map(rows.map((r) => [r.courseClass.id, r]));
  }

  private async statsFor(userIds: string[], classIds: string[]) {
    if (!userIds.length || !classIds.length)
      return new Map<string, { completed: number; lastActivityAt: Date | null }>();
    const rows = await this.em
      .getConnection()
      .execute<{ user_id: string; completed: number; last: string | null }[]>(
        `SELECT user_id, count(*) FILTER (WHERE is_completed)::int AS completed, max(last_watched_at) AS last
       FROM user_progress WHERE user_id IN (?) AND class_id IN (?) GROUP BY user_id`,
        [userIds, classIds],
      );
    return new Map(rows.map((r) => [r.user_id, { completed: r.completed, lastActivityAt: toDate(r.last) }]));
  }
}

function classProgress(k: CourseTree['classes'][number], row: UserProgress | undefined): ClassProgressDto {
  return {
    classId: k.id,
    title: k.title,
    contentType: k.contentType ?? 'video',
    duration: k.duration,
    watchedSeconds: row?.watchedDuration ?? 0,
    lastPosition: row?.lastPosition ?? null,
    isCompleted: row?.isCompleted ?? false,
    completedAt: row?.completedAt ?? null,
    lastWatchedAt: row?.lastWatchedAt ?? null,
  };
}

/** Most recently watched unfinished class; else the first class not completed, in outline order. */
function continueIn(tree: CourseTree, rows: Map<string, UserProgress>): ContinueDto | null {
  const ordered = classesInOutlineOrder(tree);
  const started = ordered
    .filter((k) => rows.has(k.id) && !rows.get(k.id)!.isCompleted)
    .sort((a, b) => +rows.get(b.id)!.lastWatchedAt - +rows.get(a.id)!.lastWatchedAt)[0];
  const next = started ?? ordered.find((k) => !rows.get(k.id)?.isCompleted);
  if (!next) return null;
  const row = rows.get(next.id);
  return {
    courseId: tree.course.id,
    courseTitle: tree.course.title,
    classId: next.id,
    classTitle: next.title,
    contentType: next.contentType ?? 'video',
    lastPosition: row?.lastPosition ?? 0,
    lastWatchedAt: row?.lastWatchedAt ?? null,
  };
}

function latest(dates: Date[]): Date | null {
  return dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null;
}
