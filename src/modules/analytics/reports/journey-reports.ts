import { Injectable } from '@nestjs/common';
import { AccessService } from '../../access/index.js';
import { CatalogService } from '../../courses/index.js';
import { UserLookupService } from '../../users/index.js';
import { MILESTONE_ACTIONS, previousMilestone } from '../rollup/derived-rollup-sql.js';
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
import { ReportRunner, type ReportScope } from './report-runner.js';
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
    // Learning tables through their modules, while the event aggregates are read.
    const learning = Promise.all([
      this.catalog.outlineIndex(q.courseId),
      this.access.enrolmentsBetween(q.from, q.to, q.courseId),
    ]);
    learning.catch(() => undefined); // awaited below; a rejection must not go unhandled meanwhile
    const plan = {
      stored: ['content', 'user_content', 'content_counts', 'chain_members', 'chain_counts'],
      live: ['content_counts'],
      chains: ['course_viewers', 'course_viewers_total'],
    };
    return this.runner.run(q, plan, async (scope) => {
      const course = q.courseId ? [q.courseId] : [];
      const views = await scope.query<{ course_id: string; views: string }>(
        `SELECT course_id, sum(course_views) AS views FROM ${scope.rows('analytics_daily_content_counts')} c
         WHERE course_views > 0 AND course_id IS NOT NULL ${q.courseId ? 'AND course_id = $1' : ''} GROUP BY 1`,
        course,
      );
      const viewers = await scope.query<{ course_id: string; members: string }>(
        `SELECT keys[1] AS course_id, members FROM (${distinctMembersSql(scope, 'course_viewers', 'range', q.courseId ? 'keys = ARRAY[$1]' : 'true')}) d`,
        course,
      );
      const [allViewers] = await scope.query<{ members: string | null }>(
        `SELECT sum(members) AS members FROM (${distinctMembersSql(scope, 'course_viewers_total', 'range')}) d`,
      );
      const [outline, enrolments] = await learning;
      const converted = await scope.query<{ user_id: string; course_id: string }>(
        `SELECT e.user_id, e.course_id FROM unnest($1::text[], $2::text[], $3::date[]) AS e(user_id, course_id, day)
         WHERE EXISTS (SELECT 1 FROM public.analytics_daily_chain_members h
             WHERE h.metric = 'course_viewers' AND h.member = e.user_id AND h.keys = ARRAY[e.course_id]
               AND h.day BETWEEN ${sqlDate(q.from)} AND e.day AND ${scope.isStoredDay('h.day')})
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
      // From registration: the account's creation time comes from the users module, looked up while
      // the other intervals are computed.
      const viewers = await scope.query<{ user_id: string; first_at: Date }>(
        `SELECT user_id, first_at FROM ${firstMilestones(scope)} f WHERE milestone = $1`,
        [MILESTONE_ACTIONS[0]],
      );
      const [created, stats] = await Promise.all([
        this.users.createdAt(viewers.map((v) => v.user_id)),
        scope.query<{
          milestone: string;
          reached: string;
          users: string;
          median_ms: number | null;
          sum_ms: string | null;
        }>(
          `SELECT milestone, count(*) AS reached, count(ms) AS users, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms::float8) AS median_ms,
             sum(ms) AS sum_ms
           FROM (SELECT milestone, CASE WHEN prev_first_at <= first_at THEN extract(epoch FROM first_at - prev_first_at) * 1000 END AS ms
                 FROM ${firstMilestones(scope)} f WHERE milestone <> $1) d
           GROUP BY milestone`,
          [MILESTONE_ACTIONS[0]],
        ),
      ]);
      const fromRegistration = viewers
        .map((v) => new Date(v.first_at).getTime() - (created.get(v.user_id)?.getTime() ?? Infinity))
        .filter((ms) => ms >= 0);
      const row = (
        from: string,
        to: string,
        users: number,
        medianMs: number | null,
        meanMs: number | null,
      ) => ({
        fromMilestone: from,
        toMilestone: to,
        users,
        medianHours: roundOrNull(medianMs === null ? null : medianMs / HOUR_MS),
        averageHours: roundOrNull(meanMs === null ? null : meanMs / HOUR_MS),
      });
      const byMilestone = new Map(stats.map((s) => [s.milestone, s]));
      const rows = [
        row(
          'registered',
          MILESTONE_ACTIONS[0],
          fromRegistration.length,
          median(fromRegistration),
          mean(fromRegistration),
        ),
        ...MILESTONE_ACTIONS.slice(1).map((to, i) => {
          const s = byMilestone.get(to);
          const users = Number(s?.users ?? 0);
          return row(
            MILESTONE_ACTIONS[i],
            to,
            users,
            s?.median_ms ?? null,
            users ? Number(s?.sum_ms) / users : null,
          );
        }),
      ];
      const newLearners = Number(byMilestone.get('class_started')?.reached ?? 0);
      return { from: q.from, to: q.to, filters: {}, source: scope.sources, rows, totals: { newLearners } };
    });
  }
}

/**
 * First milestones reached in the range (milestone, user_id, first_at, prev_first_at): the stored
 * rows of the rolled-up days, plus those of the days computed from raw events that are first times
 * indeed (no earlier one stored), with the previous milestone's first time looked up.
 */
function firstMilestones(scope: ReportScope): string {
  const stored = `SELECT milestone, user_id, first_at, prev_first_at FROM ${scope.stored('analytics_daily_user_firsts')} s`;
  if (!scope.liveDays.length) return `(${stored})`;
  const live = sqlDates(scope.liveDays);
  const previous = previousMilestone('l.milestone');
  return `(SELECT DISTINCT ON (user_id, milestone) * FROM (
      ${stored}
      UNION ALL
      SELECT l.milestone, l.user_id, l.first_at, least(
        (SELECT min(x.first_at) FROM ${scope.liveFirsts} x WHERE x.user_id = l.user_id AND x.milestone = ${previous}),
        (SELECT h.first_at FROM public.analytics_daily_user_firsts h WHERE h.user_id = l.user_id AND h.milestone = ${previous} AND h.day <> ALL(${live})))
      FROM ${scope.liveFirsts} l
      WHERE NOT EXISTS (SELECT 1 FROM public.analytics_daily_user_firsts h
        WHERE h.user_id = l.user_id AND h.milestone = l.milestone AND h.first_at < l.first_at AND h.day <> ALL(${live}))
    ) x ORDER BY user_id, milestone, first_at)`;
}
