import { ApiProperty } from '@nestjs/swagger';
import {
  EventReportMetaDto,
  Filters,
  LandingPagesFiltersDto,
  PlatformFiltersDto,
  UtmSourceFiltersDto,
} from './report-common.dto.js';

export class UtmPerformanceRowDto {
  @ApiProperty({ example: 'google' })
  utmSource!: string;

  @ApiProperty({ nullable: true, type: String, example: 'cpc' })
  utmMedium!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'spring' })
  utmCampaign!: string | null;

  @ApiProperty({
    description: 'Distinct users with events carrying this UTM (anonymous events not counted)',
    example: 310,
  })
  uniqueUsers!: number;

  @ApiProperty({ description: 'Events carrying this UTM', example: 5120 })
  events!: number;

  @ApiProperty({ description: 'Of them, page loads', example: 1900 })
  pageViews!: number;

  @ApiProperty({ description: 'Distinct users with a login_success event carrying this UTM', example: 44 })
  conversions!: number;

  @ApiProperty({ description: 'conversions / uniqueUsers, %', example: 14.19 })
  conversionRate!: number;
}
export const UTM_PERFORMANCE_COLUMNS = [
  'utmSource',
  'utmMedium',
  'utmCampaign',
  'uniqueUsers',
  'events',
  'pageViews',
  'conversions',
  'conversionRate',
] as const;

export class UtmPerformanceTotalsDto {
  @ApiProperty({ description: 'Distinct users over all rows (not a sum)', example: 520 })
  uniqueUsers!: number;

  @ApiProperty({ example: 9000 })
  events!: number;

  @ApiProperty({ example: 3100 })
  pageViews!: number;

  @ApiProperty({ description: 'Distinct converted users over all rows', example: 70 })
  conversions!: number;

  @ApiProperty({ example: 13.46 })
  conversionRate!: number;
}

export class UtmPerformanceReportDto extends EventReportMetaDto {
  @Filters(UtmSourceFiltersDto)
  override filters!: UtmSourceFiltersDto;

  @ApiProperty({ type: [UtmPerformanceRowDto] })
  rows!: UtmPerformanceRowDto[];

  @ApiProperty({ type: UtmPerformanceTotalsDto })
  totals!: UtmPerformanceTotalsDto;
}

/** Sessions with at least one page view, grouped by source or landing page. */
export class SessionGroupFiguresDto {
  @ApiProperty({ example: 800 })
  sessions!: number;

  @ApiProperty({ example: 2600 })
  pageViews!: number;

  @ApiProperty({ description: 'Sessions with a single page view', example: 300 })
  bounces!: number;

  @ApiProperty({ description: 'bounces / sessions, %', example: 37.5 })
  bounceRate!: number;

  @ApiProperty({ description: 'Sessions with a login_success', example: 90 })
  conversions!: number;

  @ApiProperty({ description: 'conversions / sessions, %', example: 11.25 })
  conversionRate!: number;
}

export class TrafficSourceRowDto extends SessionGroupFiguresDto {
  @ApiProperty({ description: "First-touch UTM source of the session, 'Direct' for none", example: 'Direct' })
  source!: string;

  @ApiProperty({ description: 'Share of all sessions, %', example: 41.2 })
  percent!: number;
}
export const SESSION_GROUP_COLUMNS = [
  'sessions',
  'pageViews',
  'bounces',
  'bounceRate',
  'conversions',
  'conversionRate',
] as const;
export const TRAFFIC_SOURCE_COLUMNS = ['source', ...SESSION_GROUP_COLUMNS, 'percent'] as const;

export class TrafficSourcesReportDto extends EventReportMetaDto {
  @Filters(PlatformFiltersDto)
  override filters!: PlatformFiltersDto;

  @ApiProperty({ type: [TrafficSourceRowDto] })
  rows!: TrafficSourceRowDto[];

  @ApiProperty({ type: SessionGroupFiguresDto })
  totals!: SessionGroupFiguresDto;
}

export class LandingPageRowDto extends SessionGroupFiguresDto {
  @ApiProperty({
    description: 'Path of the first page view of the session (no query string)',
    example: '/courses/sql',
  })
  landingPage!: string;
}
export const LANDING_PAGE_COLUMNS = ['landingPage', ...SESSION_GROUP_COLUMNS] as const;

export class LandingPagesReportDto extends EventReportMetaDto {
  @Filters(LandingPagesFiltersDto)
  override filters!: LandingPagesFiltersDto;

  @ApiProperty({ type: [LandingPageRowDto] })
  rows!: LandingPageRowDto[];

  @ApiProperty({ type: SessionGroupFiguresDto })
  totals!: SessionGroupFiguresDto;
}
