import { Injectable } from '@nestjs/common';
import { AccessService } from '../../access/index.js';
import { CatalogService, type OutlineIndex } from '../../courses/index.js';
import { LearningStatsService } from '../../progress/index.js';
import type {
  ContestParticipationReportDto,
  TopClassesReportDto,
  VideoCompletionReportDto,
  WatchTimeReportDto,
} from './dto/content.dto.js';
import { appliedFilters } from './dto/report-common.dto.js';
import type { CourseRangeQueryDto, TopClassesQueryDto } from './dto/report-query.dto.js';
import { round } from './figures.js';
import { percent } from './report-range.js';
import { ReportRunner, type ReportScope } from './report-runner.js';
import { reportSql } from './report-sql.js';

/** Event counts per class over the range, from the per-day content counts. */
interface ClassFigures {
  classId: string;
  courseId: string | null;
  views: number;
  starts: number;
  completions: number;
  reached25: number;
  reached50: number;
  reached75: number;
  contestStarts: number;
  contestCompletions: number;
  videoEvents: number;
  contestEvents: number;
}

/** The `analytics_daily_content_counts` column each figure adds up. */
const COLUMNS: Record<Exclude<keyof ClassFigures, 'classId' | 'courseId'>, string> = {
  views: 'page_views',
  starts: 'class_starts',
  completions: 'class_completions',
  reached25: 'reached25',
  reached50: 'reached50',
  reached75: 'reached75',
  contestStarts: 'contest_starts',
  contestCompletions: 'contest_completions',
  videoEvents: 'video_events',
  contestEvents: 'contest_events',
};

/** The select list of the figures: each column's sum, named as the figure (a list the code writes from COLUMNS). */
const FIGURE_SUMS = Object.entries(COLUMNS)
  .map(([name, column]) => `sum(${column}) AS "${name}"`)
  .join(', ');

const PLAN = { stored: ['content', 'content_counts'], live: ['content_counts'] };

/** The Content Analytics dashboard. */
@Injectable()
export class ContentReports {
  constructor(
    private readonly runner: ReportRunner,
    private readonly catalog: CatalogService,
    private readonly access: AccessService,
    private readonly stats: LearningStatsService,
  ) {}

  async topClasses(q: TopClassesQueryDto): Promise<TopClassesReportDto> {
    const outline = await this.catalog.outlineIndex(q.courseId);
    return this.runner.run(q, PLAN, async (scope) => {
      const figures = (await classFigures(scope, outline, q.courseId)).filter(
        (f) => f.views + f.starts + f.completions > 0,
      );
      figures.sort((a, b) => b.views - a.views || b.starts - a.starts || a.classId.localeCompare(b.classId));
      const classes = byId(outline);
      const sum = (pick: (f: ClassFigures) => number) => figures.reduce((n, f) => n + pick(f), 0);
      const [starts, completions] = [sum((f) => f.starts), sum((f) => f.completions)];
      return {
        ...meta(q, scope, { courseId: q.courseId, limit: q.limit }),
        rows: figures.slice(0, q.limit).map((f) => ({
          ...identity(f, classes),
          contentType: classes.get(f.classId)?.contentType ?? null,
          views: f.views,
          starts: f.starts,
          completions: f.completions,
          completionRate: percent(f.completions, f.starts),
        })),
        totals: {
          classes: figures.length,
          views: sum((f) => f.views),
          starts,
          completions,
          completionRate: percent(completions, starts),
        },
      };
    });
  }

  async videoCompletion(q: CourseRangeQueryDto): Promise<VideoCompletionReportDto> {
    const outline = await this.catalog.outlineIndex(q.courseId);
    return this.runner.run(q, PLAN, async (scope) => {
      const classes = byId(outline);
      const figures = (await classFigures(scope, outline, q.courseId)).filter(
        (f) => isOfType(classes, f, 'video', f.videoEvents) && f.starts + f.reached25 + f.completions > 0,
      );
      figures.sort((a, b) => b.starts - a.starts || a.classId.localeCompare(b.classId));
      const starts = figures.reduce((n, f) => n + f.starts, 0);
      const completions = figures.reduce((n, f) => n + f.completions, 0);
      return {
        ...meta(q, scope, { courseId: q.courseId }),
        rows: figures.map((f) => ({
          ...identity(f, classes),
          starts: f.starts,
          reached25: f.reached25,
          reached50: f.reached50,
          reached75: f.reached75,
          completions: f.completions,
          completionRate: percent(f.completions, f.starts),
        })),
        totals: { videos: figures.length, starts, completions, completionRate: percent(completions, starts) },
      };
    });
  }

  async contestParticipation(q: CourseRangeQueryDto): Promise<ContestParticipationReportDto> {
    const [outline, enrolled] = await Promise.all([
      this.catalog.outlineIndex(q.courseId),
      this.access.enrolledCounts(q.to, q.courseId),
    ]);
    return this.runner.run(q, PLAN, async (scope) => {
      const classes = byId(outline);
      const figures = (await classFigures(scope, outline, q.courseId)).filter(
        (f) => isOfType(classes, f, 'contest', f.contestEvents) && f.contestStarts + f.contestCompletions > 0,
      );
      figures.sort((a, b) => b.contestStarts - a.contestStarts || a.classId.localeCompare(b.classId));
      const participants = figures.reduce((n, f) => n + f.contestStarts, 0);
      const completions = figures.reduce((n, f) => n + f.contestCompletions, 0);
      return {
        ...meta(q, scope, { courseId: q.courseId }),
        rows: figures.map((f) => {
          const row = identity(f, classes);
          const learners = row.courseId ? (enrolled.get(row.courseId) ?? 0) : 0;
          return {
            ...row,
            enrolled: learners,
            participants: f.contestStarts,
            completions: f.contestCompletions,
            participationRate: percent(f.contestStarts, learners),
            completionRate: percent(f.contestCompletions, f.contestStarts),
          };
        }),
        totals: {
          contests: figures.length,
          participants,
          completions,
          completionRate: percent(completions, participants),
        },
      };
    });
  }

  async watchTime(q: CourseRangeQueryDto): Promise<WatchTimeReportDto> {
    const rows = await this.stats.watchTime(q, q.courseId);
    rows.sort((a, b) => a.contentType.localeCompare(b.contentType));
    const total = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
    const learnerClasses = total((r) => r.learnerClasses);
    const completed = total((r) => r.completed);
    const percentRows = total((r) => r.percentRows);
    return {
      from: q.from,
      to: q.to,
      filters: appliedFilters({ courseId: q.courseId }),
      rows: rows.map((r) => ({
        contentType: r.contentType,
        learnerClasses: r.learnerClasses,
        averageWatchSeconds: round(r.watchedSeconds / r.learnerClasses, 1),
        averageWatchPercent: r.percentRows ? round(r.watchPercentSum / r.percentRows, 2) : 0,
        completed: r.completed,
        completionRate: percent(r.completed, r.learnerClasses),
      })),
      totals: {
        learnerClasses,
        averageWatchSeconds: learnerClasses ? round(total((r) => r.watchedSeconds) / learnerClasses, 1) : 0,
        averageWatchPercent: percentRows ? round(total((r) => r.watchPercentSum) / percentRows, 2) : 0,
        completed,
        completionRate: percent(completed, learnerClasses),
      },
    };
  }
}

function meta<F extends Record<string, string | number | undefined>>(
  q: { from: string; to: string },
  scope: ReportScope,
  filters: F,
) {
  return { from: q.from, to: q.to, filters: appliedFilters(filters), source: scope.sources };
}

type CatalogClasses = Map<string, OutlineIndex['classes'][number]>;

/** A class the catalog says is of this type, or one it does not know that has events of the type. */
function isOfType(classes: CatalogClasses, f: ClassFigures, type: string, typedEvents: number): boolean {
  const known = classes.get(f.classId);
  return known ? known.contentType === type : typedEvents > 0;
}

function identity(f: ClassFigures, classes: CatalogClasses) {
  const known = classes.get(f.classId);
  return { classId: f.classId, classTitle: known?.title ?? null, courseId: known?.courseId ?? f.courseId };
}

const byId = (outline: OutlineIndex): CatalogClasses => new Map(outline.classes.map((k) => [k.id, k]));

async function classFigures(
  scope: ReportScope,
  outline: OutlineIndex,
  courseId?: string,
): Promise<ClassFigures[]> {
  const params = courseId ? [courseId, outline.classes.map((k) => k.id)] : [];
  const ofCourse = courseId
    ? reportSql('class-figures-of-course', { params: { course_id: '$1', class_ids: '$2' } })
    : '';
  const rows = await scope.query<Record<string, string>>(
    reportSql('class-figures', {
      values: {
        sums: FIGURE_SUMS,
        content_counts: scope.rows('analytics_daily_content_counts'),
        course_filter: ofCourse,
      },
    }),
    params,
  );
  return rows.map((r) => {
    const out = { classId: r.classId, courseId: r.courseId } as ClassFigures;
    for (const name of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) out[name] = Number(r[name]);
    return out;
  });
}
