import { Injectable } from '@nestjs/common';
import { AccessService } from '../../access/index.js';
import { CatalogService } from '../../courses/index.js';
import { LearningStatsService } from '../../progress/index.js';
import type {
  CompletionRatesReportDto,
  DropOffReportDto,
  EnrolmentsReportDto,
  TimeToCompleteReportDto,
} from './dto/courses.dto.js';
import { appliedFilters } from './dto/report-common.dto.js';
import type { CourseRangeQueryDto, CourseSeriesQueryDto } from './dto/report-query.dto.js';
import { countBy, mean, median, roundOrNull } from './figures.js';
import { percent, sumByPeriod } from './report-range.js';

/** A learner who has had no activity in a course for this many days has dropped off. */
export const DROP_OFF_INACTIVE_DAYS = 14;

const DAY_SECONDS = 86_400;

/**
 * The Course Performance dashboard. Its questions are about enrolments and progress, which the
 * learning tables hold (and keep: they are not pruned): they are answered from the access and
 * progress modules' read methods, with titles and outline positions from the catalog.
 */
@Injectable()
export class CourseReports {
  constructor(
    private readonly access: AccessService,
    private readonly catalog: CatalogService,
    private readonly stats: LearningStatsService,
  ) {}

  async enrolments(q: CourseSeriesQueryDto): Promise<EnrolmentsReportDto> {
    const perDay = await this.access.enrolmentsByDay(q.from, q.to, q.courseId);
    return {
      from: q.from,
      to: q.to,
      granularity: q.granularity,
      filters: appliedFilters({ courseId: q.courseId }),
      rows: sumByPeriod(
        q,
        q.granularity,
        perDay.map((d) => ({ day: d.day, n: d.enrolments })),
      ).map(({ n, ...p }) => ({ ...p, enrolments: n })),
      totals: { enrolments: perDay.reduce((sum, d) => sum + d.enrolments, 0) },
    };
  }

  async completionRates(q: CourseRangeQueryDto): Promise<CompletionRatesReportDto> {
    const [outline, stats] = await Promise.all([
      this.catalog.outlineIndex(q.courseId),
      this.stats.completionByCourse(q, q.courseId),
    ]);
    const byCourse = new Map(stats.map((s) => [s.courseId, s]));
    const classes = countBy(outline.classes.map((k) => k.courseId));
    const ids = [...new Set([...outline.courses.map((c) => c.id), ...byCourse.keys()])];
    const titles = new Map(outline.courses.map((c) => [c.id, c.title]));
    const rows = ids.map((courseId) => {
      const s = byCourse.get(courseId) ?? { enrolled: 0, completed: 0 };
      return {
        courseId,
        courseTitle: titles.get(courseId) ?? null,
        classes: classes.get(courseId) ?? 0,
        enrolled: s.enrolled,
        completed: s.completed,
        completionRate: percent(s.completed, s.enrolled),
      };
    });
    rows.sort((a, b) => b.enrolled - a.enrolled || a.courseId.localeCompare(b.courseId));
    const enrolled = rows.reduce((n, r) => n + r.enrolled, 0);
    const completed = rows.reduce((n, r) => n + r.completed, 0);
    return {
      from: q.from,
      to: q.to,
      filters: appliedFilters({ courseId: q.courseId }),
      rows,
      totals: { enrolled, completed, completionRate: percent(completed, enrolled) },
    };
  }

  async timeToComplete(q: CourseRangeQueryDto): Promise<TimeToCompleteReportDto> {
    const [outline, completions] = await Promise.all([
      this.catalog.outlineIndex(q.courseId),
      this.stats.completions(q, q.courseId),
    ]);
    const titles = new Map(outline.courses.map((c) => [c.id, c.title]));
    const days = (values: number[]) => ({
      averageDays: roundOrNull(mean(values)),
      medianDays: roundOrNull(median(values)),
    });
    const byCourse = new Map<string, number[]>();
    for (const c of completions)
      byCourse.set(c.courseId, [...(byCourse.get(c.courseId) ?? []), c.seconds / DAY_SECONDS]);
    const rows = [...byCourse.entries()]
      .map(([courseId, values]) => ({
        courseId,
        courseTitle: titles.get(courseId) ?? null,
        completions: values.length,
        ...days(values),
      }))
      .sort((a, b) => b.completions - a.completions || a.courseId.localeCompare(b.courseId));
    return {
      from: q.from,
      to: q.to,
      filters: appliedFilters({ courseId: q.courseId }),
      rows,
      totals: { completions: completions.length, ...days(completions.map((c) => c.seconds / DAY_SECONDS)) },
    };
  }

  async dropOff(q: CourseRangeQueryDto, now = new Date()): Promise<DropOffReportDto> {
    const [outline, drops] = await Promise.all([
      this.catalog.outlineIndex(q.courseId),
      this.stats.dropOffs(q, now, DROP_OFF_INACTIVE_DAYS, q.courseId),
    ]);
    const titles = new Map(outline.courses.map((c) => [c.id, c.title]));
    const classes = new Map(outline.classes.map((k) => [k.id, k]));
    const perCourse = new Map<string, number>();
    for (const d of drops) perCourse.set(d.courseId, (perCourse.get(d.courseId) ?? 0) + d.learners);
    const rows = drops
      .map((d) => ({
        courseId: d.courseId,
        courseTitle: titles.get(d.courseId) ?? null,
        classId: d.classId,
        classTitle: classes.get(d.classId)?.title ?? null,
        position: classes.get(d.classId)?.position ?? null,
        learners: d.learners,
        percent: percent(d.learners, perCourse.get(d.courseId) ?? 0),
      }))
      .sort(
        (a, b) =>
          a.courseId.localeCompare(b.courseId) ||
          (a.position ?? Infinity) - (b.position ?? Infinity) ||
          a.classId.localeCompare(b.classId),
      );
    return {
      from: q.from,
      to: q.to,
      filters: appliedFilters({ courseId: q.courseId }),
      inactiveDays: DROP_OFF_INACTIVE_DAYS,
      rows,
      totals: { droppedLearners: drops.reduce((n, d) => n + d.learners, 0) },
    };
  }
}
