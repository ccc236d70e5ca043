import { ApiProperty } from '@nestjs/swagger';
import { GRANULARITIES, type Granularity } from '../report-range.js';
import {
  EventReportMetaDto,
  Filters,
  NoFilters,
  PageViewsFiltersDto,
  PeriodRowDto,
  ReportMetaDto,
  SeriesMetaDto,
  SessionFiltersDto,
} from './report-common.dto.js';

export class ActiveUsersRowDto extends PeriodRowDto {
  @ApiProperty({
    description: 'Distinct users with a logged-in event in the period (DAU / WAU / MAU)',
    example: 412,
  })
  activeUsers!: number;
}
export const ACTIVE_USERS_COLUMNS = ['start', 'end', 'activeUsers'] as const;

export class ActiveUsersTotalsDto {
  @ApiProperty({
    description: 'Distinct active users over the whole range (not a sum of the periods)',
    example: 1530,
  })
  activeUsers!: number;
}

export class ActiveUsersReportDto extends SeriesMetaDto {
  @NoFilters()
  override filters!: Record<string, never>;

  @ApiProperty({ type: [ActiveUsersRowDto] })
  rows!: ActiveUsersRowDto[];

  @ApiProperty({ type: ActiveUsersTotalsDto })
  totals!: ActiveUsersTotalsDto;
}

export class RegistrationsRowDto extends PeriodRowDto {
  @ApiProperty({ example: 37 })
  registrations!: number;
}
export const REGISTRATIONS_COLUMNS = ['start', 'end', 'registrations'] as const;

export class RegistrationsTotalsDto {
  @ApiProperty({ example: 240 })
  registrations!: number;
}

export class RegistrationsReportDto extends ReportMetaDto {
  @NoFilters()
  override filters!: Record<string, never>;

  @ApiProperty({ enum: GRANULARITIES })
  granularity!: Granularity;

  @ApiProperty({ type: [RegistrationsRowDto] })
  rows!: RegistrationsRowDto[];

  @ApiProperty({ type: RegistrationsTotalsDto })
  totals!: RegistrationsTotalsDto;
}

export class SessionDurationRowDto {
  @ApiProperty({ example: '1–3 min' })
  bucket!: string;

  @ApiProperty({ description: 'Lower bound, included (seconds)', example: 60 })
  minSeconds!: number;

  @ApiProperty({
    description: 'Upper bound, excluded (seconds); null for the last bucket',
    example: 180,
    nullable: true,
    type: Number,
  })
  maxSeconds!: number | null;

  @ApiProperty({ example: 120 })
  sessions!: number;

  @ApiProperty({ description: 'Share of all sessions, %', example: 12.5 })
  percent!: number;
}
export const SESSION_DURATION_COLUMNS = [
  'bucket',
  'minSeconds',
  'maxSeconds',
  'sessions',
  'percent',
] as const;

export class SessionDurationTotalsDto {
  @ApiProperty({ example: 960 })
  sessions!: number;

  @ApiProperty({ description: 'Mean duration, seconds (one decimal)', example: 312.4 })
  averageSeconds!: number;
}

export class SessionDurationsReportDto extends EventReportMetaDto {
  @Filters(SessionFiltersDto)
  override filters!: SessionFiltersDto;

  @ApiProperty({ type: [SessionDurationRowDto] })
  rows!: SessionDurationRowDto[];

  @ApiProperty({ type: SessionDurationTotalsDto })
  totals!: SessionDurationTotalsDto;
}

export class PageViewsRowDto {
  @ApiProperty({
    description: 'Path without query string (or first path segment with groupBy=pageType)',
    example: '/courses',
  })
  page!: string;

  @ApiProperty({ example: 5120 })
  pageViews!: number;

  @ApiProperty({ description: 'Share of all page views, %', example: 23.4 })
  percent!: number;
}
export const PAGE_VIEWS_COLUMNS = ['page', 'pageViews', 'percent'] as const;

export class PageViewsTotalsDto {
  @ApiProperty({ example: 21880 })
  pageViews!: number;

  @ApiProperty({ description: 'Distinct pages (or page types) viewed', example: 87 })
  pages!: number;
}

export class PageViewsReportDto extends EventReportMetaDto {
  @Filters(PageViewsFiltersDto)
  override filters!: PageViewsFiltersDto;

  @ApiProperty({ type: [PageViewsRowDto] })
  rows!: PageViewsRowDto[];

  @ApiProperty({ type: PageViewsTotalsDto })
  totals!: PageViewsTotalsDto;
}
