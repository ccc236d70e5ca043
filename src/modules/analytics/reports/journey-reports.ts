import { Injectable } from '@nestjs/common';
import { AccessService } from '../../access/index.js';
import { CatalogService } from '../../courses/index.js';
import { accountsRelation } from '../../users/index.js';
import { MILESTONE_ACTIONS, milestoneGapRows, previousMilestone } from '../rollup/derived-rollup-sql.js';
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
import { sqlDate, sqlDates } from '../rollup/utc-day.js';
import { percent } from './report-range.js';
import { ReportRunner, type ReportScope } from './report-runner.js';
import { distinctMembersSql } from './sql/distinct-sql.js';
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
    private readonly access: AccessService,
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
        `WITH m AS ${multiDaySessionRows(scope)}
         SELECT step, sum(sessions) AS sessions FROM (
           SELECT step, sessions FROM ${scope.rows('analytics_daily_session_funnel')} f WHERE ${where}
           UNION ALL SELECT funnel[1], -1 FROM m WHERE ${where}
           UNION ALL SELECT funnel_step, 1 FROM ${wholeSessions('m')} w WHERE ${where}
         ) x GROUP BY step`,
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
      const allViewers = firstRow(
        await scope.query<{ members: string | null }>(
          `SELECT sum(members) AS members FROM (${distinctMembersSql(scope, 'course_viewers_total', 'range')}) d`,
        ),
        'the course viewers total',
      );
      const [outline, enrolments] = await learning;
      // Each enrolment of the range: did the learner view the course from the range's start to the
      // day of the enrolment? One probe of the course viewers' index each (stored days), or of the
      // members computed from raw events (live days). Counted per course, and learners overall.
      const enrolled = await scope.query<{
        course_id: string;
        enrolments: number;
        viewers: number;
        learners: number;
      }>(
        `WITH e AS MATERIALIZED (
           SELECT e.user_id, e.course_id,
             EXISTS (SELECT 1 FROM public.analytics_daily_chain_members h
               WHERE h.metric = 'course_viewers' AND h.member = e.user_id AND h.keys[1] = e.course_id
                 AND h.day BETWEEN ${sqlDate(q.from)} AND e.day AND ${scope.isStoredDay('h.day')})
             OR EXISTS (SELECT 1 FROM ${scope.liveMembers} l
               WHERE l.metric = 'course_viewers' AND l.member = e.user_id AND l.keys = ARRAY[e.course_id] AND l.day <= e.day) AS viewed
           FROM unnest($1::text[], $2::text[], $3::date[]) AS e(user_id, course_id, day))
         SELECT course_id, count(*)::int AS enrolments, (count(*) FILTER (WHERE viewed))::int AS viewers,
           (SELECT count(DISTINCT user_id) FROM e WHERE viewed)::int AS learners
         FROM e GROUP BY course_id`,
        [enrolments.userIds, enrolments.courseIds, enrolments.days],
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
        `SELECT count(*)::int AS users, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS median_ms, sum(ms) AS sum_ms
         FROM (SELECT ${wholeMs('f.first_at')} - ${wholeMs('u.created_at')} AS ms
               FROM ${firstMilestones(scope)} f JOIN ${accountsRelation()} u USING (user_id)
               WHERE f.milestone = $1) x
         WHERE ms >= 0`,
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
      }>(milestoneStatsSql(milestoneGaps(scope)));
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

/**
 * A time in whole ms since the epoch, truncated as a JavaScript date holds it. In float8 (cheaper
 * than numeric): the epoch in µs rounds to the exact integer (< 2⁵³), then whole ms are floored.
 */
const wholeMs = (column: string) => `floor(round(date_part('epoch', ${column}) * 1000000) / 1000)`;

/**
 * The median of `n` values whose ⌊(n−1)/2⌋-th and ⌊n/2⌋-th (0-based, ascending) are `lo` and `hi`,
 * computed as PostgreSQL's `percentile_cont(0.5)` does (same float operations, same result).
 */
const medianOf = (n: number, lo: number, hi: number): number => {
  const at = 0.5 * (n - 1);
  return lo + (hi - lo) * (at - Math.floor(at));
};

/**
 * The range's milestone gaps, as rows of `analytics_daily_milestone_gaps` (milestone, bucket,
 * reached, sum_ms, gaps, counts): the stored rows of the rolled-up days, and the same computed
 * from the first milestones of the days computed from raw events. When such a day comes before a
 * stored one, its first times may replace stored ones: all are then computed from first milestones.
 */
function milestoneGaps(scope: ReportScope): string {
  // Raw days before the range may hold earlier first times than the stored ones: per user, then.
  if (scope.liveBeforeStored || scope.historyDays.length) return milestoneGapRows(firstMilestones(scope));
  const stored = `SELECT milestone, bucket, reached, sum_ms, gaps, counts FROM ${scope.stored('analytics_daily_milestone_gaps')} g`;
  return scope.liveDays.length
    ? `${stored} UNION ALL ${milestoneGapRows(liveFirstMilestones(scope))}`
    : stored;
}

/**
 * Per milestone over gap rows: users who reached it (`reached`), those with a time since the
 * milestone before (`users`) and the sum of those times, and the two middle times (`lo_ms`,
 * `hi_ms`, positions ⌊(users−1)/2⌋ and ⌊users/2⌋): the per-bucket counts locate them, and only the
 * values of their one or two buckets are read.
 */
const milestoneStatsSql = (gapRows: string) => `WITH r AS (${gapRows}),
  t AS (SELECT milestone, sum(reached) AS reached, coalesce(sum(reached) FILTER (WHERE bucket > 0), 0) AS users,
          sum(sum_ms) AS sum_ms FROM r GROUP BY 1),
  p AS (SELECT milestone, (users - 1) / 2 AS lo, users / 2 AS hi FROM t WHERE users > 0),
  c AS (SELECT milestone, bucket, n, sum(n) OVER (PARTITION BY milestone ORDER BY bucket) - n AS below
        FROM (SELECT milestone, bucket, sum(reached) AS n FROM r WHERE bucket > 0 GROUP BY 1, 2) b),
  w AS (SELECT c.milestone, c.bucket, c.below FROM c JOIN p USING (milestone) WHERE c.below <= p.hi AND c.below + c.n > p.lo),
  x AS (SELECT r.milestone, g.ms, sum(g.n) AS n FROM r JOIN w USING (milestone, bucket)
        CROSS JOIN LATERAL unnest(r.gaps, r.counts) AS g(ms, n) GROUP BY 1, 2),
  v AS (SELECT x.milestone, x.ms, x.n, m.base + sum(x.n) OVER (PARTITION BY x.milestone ORDER BY x.ms) - x.n AS start
        FROM x JOIN (SELECT milestone, min(below) AS base FROM w GROUP BY 1) m USING (milestone))
SELECT t.milestone, t.reached, t.users, t.sum_ms,
  (SELECT v.ms FROM v WHERE v.milestone = p.milestone AND p.lo >= v.start AND p.lo < v.start + v.n) AS lo_ms,
  (SELECT v.ms FROM v WHERE v.milestone = p.milestone AND p.hi >= v.start AND p.hi < v.start + v.n) AS hi_ms
FROM t LEFT JOIN p USING (milestone)`;

/**
 * First milestones reached in the range (milestone, user_id, first_at, prev_first_at): the stored
 * rows of the rolled-up days, plus those of the days computed from raw events that are first times
 * indeed (no earlier one stored), with the previous milestone's first time looked up. Raw days
 * before the range (`historyDays`, not rolled up) may hold earlier first times: a stored row is no
 * first time then, and its previous milestone may be earlier.
 */
function firstMilestones(scope: ReportScope): string {
  let stored = `SELECT milestone, user_id, first_at, prev_first_at FROM ${scope.stored('analytics_daily_user_firsts')} s`;
  if (scope.historyDays.length) {
    const history = `x.day = ANY(${sqlDates(scope.historyDays)})`;
    stored = `SELECT s.milestone, s.user_id, s.first_at, least(s.prev_first_at, (SELECT min(x.first_at) FROM ${scope.liveFirsts} x
        WHERE ${history} AND x.user_id = s.user_id AND x.milestone = ${previousMilestone('s.milestone')})) AS prev_first_at
      FROM ${scope.stored('analytics_daily_user_firsts')} s
      WHERE NOT EXISTS (SELECT 1 FROM ${scope.liveFirsts} x WHERE ${history} AND x.user_id = s.user_id AND x.milestone = s.milestone)`;
  }
  if (!scope.liveDays.length) return `(${stored})`;
  return `(SELECT DISTINCT ON (user_id, milestone) * FROM (${stored} UNION ALL ${liveFirsts(scope)}) x
    ORDER BY user_id, milestone, first_at)`;
}

/** The first milestones of the days computed from raw events alone (see `firstMilestones`). */
function liveFirstMilestones(scope: ReportScope): string {
  return `(SELECT DISTINCT ON (user_id, milestone) * FROM (${liveFirsts(scope)}) x ORDER BY user_id, milestone, first_at)`;
}

/**
 * First-milestone candidates of the live days with no earlier first time stored (or on a raw day
 * before the range), and the one before.
 */
function liveFirsts(scope: ReportScope): string {
  const raw = sqlDates([...scope.historyDays, ...scope.liveDays]);
  const history = sqlDates(scope.historyDays);
  const previous = previousMilestone('l.milestone');
  return `SELECT l.milestone, l.user_id, l.first_at, least(
        (SELECT min(x.first_at) FROM ${scope.liveFirsts} x WHERE x.user_id = l.user_id AND x.milestone = ${previous}),
        (SELECT h.first_at FROM public.analytics_daily_user_firsts h WHERE h.user_id = l.user_id AND h.milestone = ${previous} AND h.day <> ALL(${raw}))) AS prev_first_at
      FROM ${scope.liveFirsts} l
      WHERE l.day <> ALL(${history})
        AND NOT EXISTS (SELECT 1 FROM public.analytics_daily_user_firsts h
          WHERE h.user_id = l.user_id AND h.milestone = l.milestone AND h.first_at < l.first_at AND h.day <> ALL(${raw}))
        AND NOT EXISTS (SELECT 1 FROM ${scope.liveFirsts} e
          WHERE e.day = ANY(${history}) AND e.user_id = l.user_id AND e.milestone = l.milestone)`;
}
