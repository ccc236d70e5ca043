import { Injectable } from '@nestjs/common';
import { enrolmentsRelation } from '../../access/index.js';
import { CatalogService } from '../../courses/index.js';
import { accountsRelation } from '../../users/index.js';
import { FUNNEL_STEP_NAMES } from '../login-funnel.js';
import { roundOrNull } from './figures.js';
import type {
  CourseDiscoveryReportDto,
  LoginFunnelReportDto,
  MilestoneTimesReportDto,
  ModuleProgressionReportDto,
} from './dto/journey.dto.js';
import { appliedFilters } from './dto/report-common.dto.js';
import type { CourseRangeQueryDto, RangeQueryDto, SessionQueryDto } from './dto/report-query.dto.js';
import { MILESTONE_ACTIONS, sqlDate } from '../rollup/index.js';
import { percent } from './report-range.js';
import { ReportRunner } from './report-runner.js';
import { reportSql } from './report-sql.js';
import { ALL_KEYS, distinctMembersSql } from './sql/distinct-sql.js';
import { firstMilestones, milestoneGaps } from './sql/milestone-sql.js';
import { multiDaySessionRows, sessionFilterSql, wholeSessions } from './sql/session-sql.js';
import { defined, firstRow } from '../../../common/assert/defined.js';

/** The login funnel's step names, in order (login-funnel.ts). */
export const FUNNEL_STEPS = FUNNEL_STEP_NAMES;

const HOUR_MS = 3_600_000;

/** The User Journey dashboard. */
@Injectable()
export class JourneyReports {
  constructor(
    private readonly runner: ReportRunner,
    private readonly catalog: CatalogService,
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
        reportSql('login-funnel', {
          values: {
            multi_day_session_rows: multiDaySessionRows(scope),
            session_funnel: scope.rows('analytics_daily_session_funnel'),
            filters: where,
            whole_sessions: wholeSessions('m'),
          },
        }),
        params,
      );
      // Sessions that reached step s (1-based) or further.
      const atLeast = (s: number) =>
        reached.filter((r) => r.step >= s).reduce((n, r) => n + Number(r.sessions), 0);
      const started = atLeast(1);
      const completed = atLeast(FUNNEL_STEPS.length);
      return {
        from: q.from,
        to: q.to,
        filters: appliedFilters({ platform: q.platform, utmSource: q.utmSource }),
        source: scope.sources,
        rows: FUNNEL_STEPS.map((name, i) => ({
          step: i + 1,
          name,
          sessions: atLeast(i + 1),
          conversionRate: percent(atLeast(i + 1), started),
          stepConversionRate: i === 0 ? (started ? 100 : 0) : percent(atLeast(i + 1), atLeast(i)),
        })),
        totals: {
          started,
          completed,
          conversionRate: percent(completed, started),
        },
      };
    });
  }

  async courseDiscovery(q: CourseRangeQueryDto): Promise<CourseDiscoveryReportDto> {
    // Learning tables through their modules, while the event aggregates are read.
    const learning = this.catalog.outlineIndex(q.courseId);
    learning.catch(() => undefined); // awaited below; a rejection must not go unhandled meanwhile
    const plan = {
      stored: ['content', 'user_content', 'content_counts', 'chain_members', 'chain_counts'],
      live: ['content_counts'],
      chains: ['course_viewers', 'course_viewers_total'],
    };
    return this.runner.run(q, plan, async (scope) => {
      const course = q.courseId ? [q.courseId] : [];
      const views = await scope.query<{ course_id: string; views: string }>(
        reportSql('course-views', {
          values: {
            content_counts: scope.rows('analytics_daily_content_counts'),
            course_filter: q.courseId ? reportSql('course-is', { params: { course_id: '$1' } }) : '',
          },
        }),
        course,
      );
      const viewers = await scope.query<{ course_id: string; members: string }>(
        reportSql('course-viewers', {
          values: {
            distinct_members: distinctMembersSql(
              scope,
              'course_viewers',
              'range',
              q.courseId ? { kind: 'keys-are', key: '$1' } : ALL_KEYS,
            ),
          },
        }),
        course,
      );
      const allViewers = firstRow(
        await scope.query<{ members: string | null }>(
          reportSql('course-viewers-total', {
            values: { distinct_members: distinctMembersSql(scope, 'course_viewers_total', 'range') },
          }),
        ),
        'the course viewers total',
      );
      const outline = await learning;
      // Each enrolment of the range (read in the report's own snapshot, through the access module's
      // relation): did the learner view the course from the range's start to the day of the
      // enrolment? One probe of the course viewers' index each (stored days), or of the members
      // computed from raw events (live days). Counted per course, and learners overall.
      const enrolled = await scope.query<{
        course_id: string;
        enrolments: number;
        viewers: number;
        learners: number;
      }>(
        reportSql('enrolled-viewers', {
          values: {
            enrolments: enrolmentsRelation(),
            from: sqlDate(q.from),
            to: sqlDate(q.to),
            course_filter: q.courseId ? reportSql('course-is', { params: { course_id: '$1' } }) : '',
            stored_day: scope.isStoredDay('h.day'),
            live_members: scope.liveMembers,
          },
        }),
        course,
      );
      const viewsBy = new Map(views.map((v) => [v.course_id, Number(v.views)]));
      const viewersBy = new Map(viewers.map((v) => [v.course_id, Number(v.members)]));
      const enrolledBy = new Map(enrolled.map((e) => [e.course_id, e]));
      const titles = new Map(outline.courses.map((c) => [c.id, c.title]));
      const ids = [...new Set([...viewsBy.keys(), ...viewersBy.keys(), ...enrolledBy.keys()])];
      const rows = ids
        .map((courseId) => {
          const n = viewersBy.get(courseId) ?? 0;
          const k = enrolledBy.get(courseId)?.viewers ?? 0;
          return {
            courseId,
            courseTitle: titles.get(courseId) ?? null,
            views: viewsBy.get(courseId) ?? 0,
            viewers: n,
            enrolments: enrolledBy.get(courseId)?.enrolments ?? 0,
            enrolledViewers: k,
            conversionRate: percent(k, n),
          };
        })
        .sort((a, b) => b.viewers - a.viewers || b.views - a.views || a.courseId.localeCompare(b.courseId));
      const totalViewers = q.courseId ? (viewersBy.get(q.courseId) ?? 0) : Number(allViewers.members ?? 0);
      const enrolledViewers = enrolled[0]?.learners ?? 0;
      return {
        from: q.from,
        to: q.to,
        filters: appliedFilters({ courseId: q.courseId }),
        source: scope.sources,
        rows,
        totals: {
          views: rows.reduce((n, r) => n + r.views, 0),
          viewers: totalViewers,
          enrolments: enrolled.reduce((n, e) => n + e.enrolments, 0),
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
        reportSql('module-progression', {
          values: {
            module_events: scope.rows('analytics_daily_module_events'),
            course_filter: q.courseId
              ? reportSql('module-progression-of-course', { params: { course_id: '$1', module_ids: '$2' } })
              : '',
          },
        }),
        params,
      );
      const byModule = new Map(counts.map((c) => [c.module_id, c]));
      const titles = new Map(outline.courses.map((c) => [c.id, c.title]));
      const courseOrder = new Map(outline.courses.map((c, i) => [c.id, i]));
      const known = new Set(outline.modules.map((m) => m.id));
      const modules = [
        ...outline.modules.map((m) => ({
          courseId: m.courseId,
          moduleId: m.id,
          moduleTitle: m.title,
          position: m.position,
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
    const plan = { stored: ['user_firsts', 'milestone_gaps'], milestones: true };
    return this.runner.run(q, plan, async (scope) => {
      // From registration: the range's first course views next to the accounts' creation (the
      // users module's relation), each time to the whole ms as a JavaScript date has it; accounts
      // deleted since, or created after the view, do not count.
      const fromRegistrationRows = await scope.query<{
        users: number;
        median_ms: number | null;
        sum_ms: number | null;
      }>(
        reportSql('registration-to-first-view', {
          params: { milestone: '$1' },
          values: {
            first_at_ms: wholeMs('f.first_at'),
            created_at_ms: wholeMs('u.created_at'),
            first_milestones: firstMilestones(scope),
            accounts: accountsRelation(),
          },
        }),
        [MILESTONE_ACTIONS[0]],
      );
      const fromRegistration = firstRow(fromRegistrationRows, 'the registration-to-first-view aggregate');
      const stats = await scope.query<{
        milestone: string;
        reached: string;
        users: string;
        sum_ms: string | null;
        lo_ms: number | null;
        hi_ms: number | null;
      }>(reportSql('milestone-stats', { values: { gap_rows: milestoneGaps(scope) } }));
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
          fromRegistration.users,
          fromRegistration.median_ms,
          fromRegistration.users ? Number(fromRegistration.sum_ms) / fromRegistration.users : null,
        ),
        ...MILESTONE_ACTIONS.slice(1).map((to, i) => {
          const s = byMilestone.get(to);
          const users = Number(s?.users ?? 0);
          return row(
            defined(MILESTONE_ACTIONS[i], `the milestone before ${to}`),
            to,
            users,
            users && s ? medianOf(users, Number(s.lo_ms), Number(s.hi_ms)) : null,
            users ? Number(s?.sum_ms) / users : null,
          );
        }),
      ];
      const newLearners = Number(byMilestone.get('class_started')?.reached ?? 0);
      return { from: q.from, to: q.to, filters: {}, source: scope.sources, rows, totals: { newLearners } };
    });
  }
}

/** A time in whole ms since the epoch, as a JavaScript date holds it (whole-ms.sql). */
const wholeMs = (column: string) => reportSql('whole-ms', { values: { column } });

/**
 * The median of `n` values whose ⌊(n−1)/2⌋-th and ⌊n/2⌋-th (0-based, ascending) are `lo` and `hi`,
 * computed as PostgreSQL's `percentile_cont(0.5)` does (same float operations, same result).
 */
const medianOf = (n: number, lo: number, hi: number): number => {
  const at = 0.5 * (n - 1);
  return lo + (hi - lo) * (at - Math.floor(at));
};
