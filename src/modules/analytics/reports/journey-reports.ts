import { Injectable } from '@nestjs/common';
import { AccessService } from '../../access/index.js';
import { CatalogService } from '../../courses/index.js';
import { UserLookupService } from '../../users/index.js';
import { MILESTONE_ACTIONS } from '../rollup/derived-rollup-sql.js';
import { countBy, mean, median, roundOrNull } from './figures.js';
import type {
  CourseDiscoveryReportDto,
  LoginFunnelReportDto,
  MilestoneTimesReportDto,
  ModuleProgressionReportDto,
} from './dto/journey.dto.js';
import { appliedFilters } from './dto/report-common.dto.js';
import type { CourseRangeQueryDto, RangeQueryDto, SessionQueryDto } from './dto/report-query.dto.js';
import { percent, sqlDate, sqlDates } from './report-range.js';
import { ReportRunner } from './report-runner.js';
import { distinctMembersSql } from './sql/distinct-sql.js';
import { multiDaySessionRows, sessionFilterSql, wholeSessions } from './sql/session-sql.js';

export const FUNNEL_STEPS = [
  'Visited login page',
  'Clicked login',
  'Entered email',
  'Requested OTP',
  'Entered OTP',
  'Login successful',
  'Reached dashboard',
];

const HOUR_MS = 3_600_000;

/** The User Journey dashboard. */
@Injectable()
export class JourneyReports {
  constructor(
    private readonly runner: ReportRunner,
    private readonly access: AccessService,
    private readonly catalog: CatalogService,
    private readonly users: UserLookupService,
  ) {}

  loginFunnel(q: SessionQueryDto): Promise<LoginFunnelReportDto> {
    const plan = {
      stored: ['sessions', 'utm', 'session_days', 'session_funnel'],
      live: ['session_funnel'],
      sessionDays: true,
    };
    return this.runner.run(q, plan, async (scope) => {
      const params: unknown[] = [];
      const where = sessionFilterSql(q, params);
      const reached = await scope.query<{ step: number; sessions: string }>(
        `WITH m AS ${multiDaySessionRows(scope)}
         SELECT step, sum(sessions) AS sessions FROM (
           SELECT step, sessions FROM ${scope.rows('analytics_daily_session_funnel')} f WHERE ${where}
           UNION ALL SELECT funnel[1], -1 FROM m WHERE ${where}
           UNION ALL SELECT funnel_step, 1 FROM ${wholeSessions('m')} w WHERE ${where}
         ) x GROUP BY step`,
        params,
      );
      // Sessions that reached step s or further.
      const atLeast = FUNNEL_STEPS.map((_, i) =>
        reached.filter((r) => r.step >= i + 1).reduce((n, r) => n + Number(r.sessions), 0),
      );
      return {
        from: q.from,
        to: q.to,
        filters: appliedFilters({ platform: q.platform, utmSource: q.utmSource }),
        source: scope.sources,
        rows: FUNNEL_STEPS.map((name, i) => ({
          step: i + 1,
          name,
          sessions: atLeast[i],
          conversionRate: percent(atLeast[i], atLeast[0]),
          stepConversionRate: i === 0 ? (atLeast[0] ? 100 : 0) : percent(atLeast[i], atLeast[i - 1]),
        })),
        totals: {
          started: atLeast[0],
          completed: atLeast[6],
          conversionRate: percent(atLeast[6], atLeast[0]),
        },
      };
    });
  }

  async courseDiscovery(q: CourseRangeQueryDto): Promise<CourseDiscoveryReportDto> {
    const [outline, enrolments] = await Promise.all([
      this.catalog.outlineIndex(q.courseId),
      this.access.enrolmentsBetween(q.from, q.to, q.courseId),
    ]);
    const plan = {
      stored: ['content', 'user_content', 'chain_members', 'chain_counts'],
      live: ['content'],
      chains: ['course_viewers', 'course_viewers_total'],
    };
    return this.runner.run(q, plan, async (scope) => {
      const course = q.courseId ? [q.courseId] : [];
      const views = await scope.query<{ course_id: string; views: string }>(
        `SELECT course_id, sum(events) AS views FROM ${scope.rows('analytics_daily_content')} c
         WHERE event_action = 'course_viewed' AND course_id IS NOT NULL ${q.courseId ? 'AND course_id = $1' : ''} GROUP BY 1`,
        course,
      );
      const viewers = await scope.query<{ course_id: string; members: string }>(
        `SELECT keys[1] AS course_id, members FROM (${distinctMembersSql(scope, 'course_viewers', 'range', q.courseId ? 'keys = ARRAY[$1]' : 'true')}) d`,
        course,
      );
      const [allViewers] = await scope.query<{ members: string | null }>(
        `SELECT sum(members) AS members FROM (${distinctMembersSql(scope, 'course_viewers_total', 'range')}) d`,
      );
      const converted = await scope.query<{ user_id: string; course_id: string }>(
        `SELECT e.user_id, e.course_id FROM unnest($1::text[], $2::text[], $3::date[]) AS e(user_id, course_id, day)
         WHERE EXISTS (SELECT 1 FROM public.analytics_daily_chain_members h
             WHERE h.metric = 'course_viewers' AND h.member = e.user_id AND h.keys = ARRAY[e.course_id]
               AND h.day BETWEEN ${sqlDate(q.from)} AND e.day AND h.day = ANY(${sqlDates(scope.storedDays)}))
           OR EXISTS (SELECT 1 FROM ${scope.liveMembers} l
             WHERE l.metric = 'course_viewers' AND l.member = e.user_id AND l.keys = ARRAY[e.course_id] AND l.day <= e.day)`,
        [
          enrolments.map((e) => e.userId),
          enrolments.map((e) => e.courseId),
          enrolments.map((e) => e.grantedAt.toISOString().slice(0, 10)),
        ],
      );
      const viewsBy = new Map(views.map((v) => [v.course_id, Number(v.views)]));
      const viewersBy = new Map(viewers.map((v) => [v.course_id, Number(v.members)]));
      const enrolmentsBy = countBy(enrolments.map((e) => e.courseId));
      const convertedBy = countBy(converted.map((c) => c.course_id));
      const titles = new Map(outline.courses.map((c) => [c.id, c.title]));
      const ids = [...new Set([...viewsBy.keys(), ...viewersBy.keys(), ...enrolmentsBy.keys()])];
      const rows = ids
        .map((courseId) => {
          const n = viewersBy.get(courseId) ?? 0;
          const k = convertedBy.get(courseId) ?? 0;
          return {
            courseId,
            courseTitle: titles.get(courseId) ?? null,
            views: viewsBy.get(courseId) ?? 0,
            viewers: n,
            enrolments: enrolmentsBy.get(courseId) ?? 0,
            enrolledViewers: k,
            conversionRate: percent(k, n),
          };
        })
        .sort((a, b) => b.viewers - a.viewers || b.views - a.views || a.courseId.localeCompare(b.courseId));
      const totalViewers = q.courseId ? (viewersBy.get(q.courseId) ?? 0) : Number(allViewers.members ?? 0);
      const enrolledViewers = new Set(converted.map((c) => c.user_id)).size;
      return {
        from: q.from,
        to: q.to,
        filters: appliedFilters({ courseId: q.courseId }),
        source: scope.sources,
        rows,
        totals: {
          views: rows.reduce((n, r) => n + r.views, 0),
          viewers: totalViewers,
          enrolments: enrolments.length,
          enrolledViewers,
          conversionRate: percent(enrolledViewers, totalViewers),
        },
      };
    });
  }

  async moduleProgression(q: CourseRangeQueryDto): Promise<ModuleProgressionReportDto> {
    const outline = await this.catalog.outlineIndex(q.courseId);
    return this.runner.run(q, { stored: ['module_events'], live: ['module_events'] }, async (scope) => {
      const params = q.courseId ? [q.courseId, outline.modules.map((m) => m.id)] : [];
      const counts = await scope.query<{
        course_id: string | null;
        module_id: string;
        started: string;
        completed: string;
      }>(
        `SELECT max(course_id) AS course_id, module_id,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_started'), 0) AS started,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_completed'), 0) AS completed
         FROM ${scope.rows('analytics_daily_module_events')} e ${q.courseId ? 'WHERE course_id = $1 OR module_id = ANY($2::text[])' : ''}
         GROUP BY module_id`,
        params,
      );
      const byModule = new Map(counts.map((c) => [c.module_id, c]));
      const titles = new Map(outline.courses.map((c) => [c.id, c.title]));
      const courseOrder = new Map(outline.courses.map((c, i) => [c.id, i]));
      const known = new Set(outline.modules.map((m) => m.id));
      const modules = [
        ...outline.modules.map((m) => ({
          courseId: m.courseId as string | null,
          moduleId: m.id,
          moduleTitle: m.title as string | null,
          position: m.position as number | null,
        })),
        ...counts
          .filter((c) => !known.has(c.module_id))
          .map((c) => ({ courseId: c.course_id, moduleId: c.module_id, moduleTitle: null, position: null })),
      ].sort(
        (a, b) =>
          (courseOrder.get(a.courseId ?? '') ?? Infinity) - (courseOrder.get(b.courseId ?? '') ?? Infinity) ||
          (a.courseId ?? '').localeCompare(b.courseId ?? '') ||
          (a.position ?? Infinity) - (b.position ?? Infinity) ||
          a.moduleId.localeCompare(b.moduleId),
      );
      const rows = modules.map((m, i) => {
        const started = Number(byModule.get(m.moduleId)?.started ?? 0);
        const completed = Number(byModule.get(m.moduleId)?.completed ?? 0);
        const next = modules[i + 1];
        const hasNext = m.position !== null && next?.courseId === m.courseId && next.position !== null;
        return {
          courseId: m.courseId,
          courseTitle: m.courseId ? (titles.get(m.courseId) ?? null) : null,
          moduleId: m.moduleId,
          moduleTitle: m.moduleTitle,
          position: m.position,
          started,
          completed,
          completionRate: percent(completed, started),
          progressionRate: hasNext
            ? percent(Number(byModule.get(next.moduleId)?.started ?? 0), completed)
            : null,
        };
      });
      const started = rows.reduce((n, r) => n + r.started, 0);
      const completed = rows.reduce((n, r) => n + r.completed, 0);
      return {
        from: q.from,
        to: q.to,
        filters: appliedFilters({ courseId: q.courseId }),
        source: scope.sources,
        rows,
        totals: { started, completed, completionRate: percent(completed, started) },
      };
    });
  }

  milestoneTimes(q: RangeQueryDto): Promise<MilestoneTimesReportDto> {
    return this.runner.run(q, { stored: ['user_firsts'], milestones: true }, async (scope) => {
      const live = sqlDates(scope.liveDays);
      // Users whose first time for a milestone falls in the range.
      const reached = await scope.query<{ milestone: string; user_id: string; first_at: Date }>(
        `SELECT milestone, user_id, min(first_at) AS first_at FROM (
           SELECT milestone, user_id, first_at FROM ${scope.stored('analytics_daily_user_firsts')} f
           UNION ALL
           SELECT milestone, user_id, first_at FROM ${scope.liveFirsts} l
           WHERE NOT EXISTS (SELECT 1 FROM public.analytics_daily_user_firsts h
             WHERE h.user_id = l.user_id AND h.milestone = l.milestone AND h.day < l.day AND h.day <> ALL(${live}))
         ) x GROUP BY 1, 2`,
      );
      const userIds = [...new Set(reached.map((r) => r.user_id))];
      // Their first times of every milestone, whenever it was.
      const firsts = await scope.query<{ milestone: string; user_id: string; first_at: Date }>(
        `SELECT milestone, user_id, min(first_at) AS first_at FROM (
           SELECT milestone, user_id, first_at FROM public.analytics_daily_user_firsts WHERE user_id = ANY($1) AND day <> ALL(${live})
           UNION ALL SELECT milestone, user_id, first_at FROM ${scope.liveFirsts} l WHERE user_id = ANY($1)
         ) x GROUP BY 1, 2`,
        [userIds],
      );
      const firstOf = new Map(
        firsts.map((f) => [`${f.milestone}:${f.user_id}`, new Date(f.first_at).getTime()]),
      );
      const registered = await this.users.createdAt(
        reached.filter((r) => r.milestone === MILESTONE_ACTIONS[0]).map((r) => r.user_id),
      );
      const sequence = ['registered', ...MILESTONE_ACTIONS];
      const rows = MILESTONE_ACTIONS.map((to, i) => {
        const from = sequence[i];
        const hours = reached
          .filter((r) => r.milestone === to)
          .map((r) => {
            const start =
              from === 'registered'
                ? registered.get(r.user_id)?.getTime()
                : firstOf.get(`${from}:${r.user_id}`);
            const end = new Date(r.first_at).getTime();
            return start !== undefined && start <= end ? (end - start) / HOUR_MS : undefined;
          })
          .filter((h): h is number => h !== undefined);
        return {
          fromMilestone: from,
          toMilestone: to,
          users: hours.length,
          medianHours: roundOrNull(median(hours)),
          averageHours: roundOrNull(mean(hours)),
        };
      });
      return {
        from: q.from,
        to: q.to,
        filters: {},
        source: scope.sources,
        rows,
        totals: { users: userIds.length },
      };
    });
  }
}
