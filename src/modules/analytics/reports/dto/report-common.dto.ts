import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { PLATFORMS, type Platform } from '../../analytics.constants.js';
import { GRANULARITIES, type Granularity } from '../report-range.js';

export class ProvisionalDayDto {
  @ApiProperty({ example: '2026-02-01', description: 'UTC day (today)' })
  day!: string;

  @ApiProperty({
    example: '2026-02-01T13:34:00.000Z',
    description:
      "Events up to this time come from the day's provisional aggregates (the last intraday refresh)",
  })
  aggregatesUntil!: string;

  @ApiProperty({
    example: '2026-02-01T13:39:12.000Z',
    description: "Events after aggregatesUntil come from raw events, up to this time (the report's own)",
  })
  rawUntil!: string;
}

export class ReportSourcesDto {
  @ApiProperty({
    type: [String],
    description:
      'Days answered from raw events because they are not rolled up yet (today; a day whose rollup failed)',
    example: ['2026-02-01'],
  })
  rawDays!: string[];

  @ApiProperty({
    type: [ProvisionalDayDto],
    description:
      'Days (today) answered from their provisional aggregates, refreshed every ANALYTICS_INTRADAY_MINUTES, ' +
      'plus the raw events after them: the same answer as from raw events, without recomputing the day. ' +
      'Only the reports that add counts up (content, page views, module progression) use them; for the others today is a raw day.',
    example: [],
  })
  provisionalDays!: ProvisionalDayDto[];

  @ApiProperty({
    type: [String],
    description:
      'Days up to today with neither aggregates nor raw events (before tracking started): counted as empty',
    example: [],
  })
  missingDays!: string[];

  @ApiProperty({
    enum: ['primary', 'replica'],
    description:
      'The server that answered the whole report: the read replica (DATABASE_REPLICA_URL) when every day of ' +
      'the range is rolled up there, else the primary. A replica that lags answers as of its last replayed ' +
      'change, consistently (ledger and aggregates of the same moment).',
    example: 'primary',
  })
  server!: 'primary' | 'replica';
}

/** Said of every report's `filters`. */
const FILTERS_APPLIED = 'The filters applied (absent ones are not listed)';

/** `filters` of the reports that take none: always `{}`. */
export const NoFilters = () =>
  ApiProperty({
    type: 'object',
    properties: {},
    additionalProperties: false,
    description: 'This report takes no filters: always {}',
    example: {},
  });

export class CourseFiltersDto {
  @ApiPropertyOptional({ description: 'Only this course', example: 'cmiw3x8k00a1b2c3d4e5f6g7' })
  courseId?: string;
}

export class PlatformFiltersDto {
  @ApiPropertyOptional({ enum: PLATFORMS, description: 'Only sessions on this platform' })
  platform?: Platform;
}

export class UtmSourceFiltersDto {
  @ApiPropertyOptional({ description: "Only this UTM source ('Direct': none)", example: 'google' })
  utmSource?: string;
}

export class SessionFiltersDto extends IntersectionType(PlatformFiltersDto, UtmSourceFiltersDto) {}

export class LimitFilterDto {
  @ApiProperty({ type: 'integer', description: 'Rows returned (totals cover all)', example: 50 })
  limit!: number;
}

export class PageViewsFiltersDto extends LimitFilterDto {
  @ApiProperty({ enum: ['page', 'pageType'] })
  groupBy!: 'page' | 'pageType';
}

export class LandingPagesFiltersDto extends IntersectionType(SessionFiltersDto, LimitFilterDto) {}

export class TopClassesFiltersDto extends IntersectionType(CourseFiltersDto, LimitFilterDto) {}

/** A report's `filters`, documented as the report's own filters DTO. */
export const Filters = (type: new () => object) => ApiProperty({ type, description: FILTERS_APPLIED });

/** Every filter some report takes; each report's DTO narrows `filters` to its own (`@Filters`). */
export interface AnyReportFilters {
  courseId?: string;
  platform?: Platform;
  utmSource?: string;
  groupBy?: 'page' | 'pageType';
  limit?: number;
}

/**
 * What every report answers besides its rows and totals. `filters` is documented by each report
 * (`@Filters(…)` or `@NoFilters()`), as what that report takes.
 */
export class ReportMetaDto {
  @ApiProperty({ format: 'date', example: '2026-01-01' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-01-31' })
  to!: string;

  filters!: AnyReportFilters;
}

/** Reports over analytics events also say which days came from raw events. */
export class EventReportMetaDto extends ReportMetaDto {
  @ApiProperty({ type: ReportSourcesDto })
  source!: ReportSourcesDto;
}

export class SeriesMetaDto extends EventReportMetaDto {
  @ApiProperty({ enum: GRANULARITIES })
  granularity!: Granularity;
}

/** One period of a series: calendar day, ISO week or month, cut to the range. */
export class PeriodRowDto {
  @ApiProperty({
    format: 'date',
    example: '2026-01-05',
    description: 'First day of the period within the range',
  })
  start!: string;

  @ApiProperty({
    format: 'date',
    example: '2026-01-11',
    description: 'Last day of the period within the range',
  })
  end!: string;
}

/** The filters as applied: a key whose value may be undefined becomes optional. */
export type Applied<F> = { [K in keyof F as undefined extends F[K] ? never : K]: F[K] } & {
  [K in keyof F as undefined extends F[K] ? K : never]?: Exclude<F[K], undefined>;
};

/** Drops undefined filters so `filters` lists what was applied. */
export function appliedFilters<F extends Record<string, string | number | undefined>>(
  filters: F,
): Applied<F> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as Applied<F>;
}
