import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CsvReport } from './csv/csv-report.interceptor.js';
import {
  LANDING_PAGE_COLUMNS,
  LandingPagesReportDto,
  TRAFFIC_SOURCE_COLUMNS,
  TrafficSourcesReportDto,
  UTM_PERFORMANCE_COLUMNS,
  UtmPerformanceReportDto,
} from './dto/marketing.dto.js';
import { LandingPagesQueryDto, PlatformRangeQueryDto, UtmRangeQueryDto } from './dto/report-query.dto.js';
import { MarketingReports } from './marketing-reports.js';
import { REPORT_NOTES, ReportsController } from './report-controller.decorators.js';

const SESSIONS =
  ' A session (`session_id`) counts once over the range, also across midnight, if it has a page view; its source is ' +
  "its first-touch UTM source (the first of its events that carries one; 'Direct' for none), its landing page its " +
  'first page view; a bounce has a single page view; a conversion has a login_success.';

/** Marketing Attribution dashboard. */
@ReportsController('marketing')
export class MarketingReportsController {
  constructor(private readonly reports: MarketingReports) {}

  @Get('utm-performance')
  @CsvReport('utm-performance', UTM_PERFORMANCE_COLUMNS, UtmPerformanceReportDto)
  @ApiOperation({
    operationId: 'getUtmPerformanceReport',
    summary: 'UTM source / medium / campaign performance with conversions',
    description:
      'The spec’s "Campaign performance by UTM parameters" over the range: per UTM triple of the events, distinct users, ' +
      'events, and conversions (distinct users with a login_success event carrying that UTM), exact over any range.' +
      REPORT_NOTES,
  })
  utmPerformance(@Query() q: UtmRangeQueryDto): Promise<UtmPerformanceReportDto> {
    return this.reports.utmPerformance(q);
  }

  @Get('traffic-sources')
  @CsvReport('traffic-sources', TRAFFIC_SOURCE_COLUMNS, TrafficSourcesReportDto)
  @ApiOperation({
    operationId: 'getTrafficSourcesReport',
    summary: "Traffic sources: sessions per first-touch UTM source ('Direct' for none)",
    description:
      SESSIONS +
      ' Unlike the spec’s sample question, which groups page loads by their own utm_source, a session counts under one ' +
      'source only (UTM parameters are on the landing URL, so its later pages would otherwise count as Direct too).' +
      REPORT_NOTES,
  })
  trafficSources(@Query() q: PlatformRangeQueryDto): Promise<TrafficSourcesReportDto> {
    return this.reports.trafficSources(q);
  }

  @Get('landing-pages')
  @CsvReport('landing-pages', LANDING_PAGE_COLUMNS, LandingPagesReportDto)
  @ApiOperation({
    operationId: 'getLandingPagesReport',
    summary: 'Landing page effectiveness: sessions, bounce rate and conversion rate per landing page',
    description: SESSIONS + ' Most sessions first.' + REPORT_NOTES,
  })
  landingPages(@Query() q: LandingPagesQueryDto): Promise<LandingPagesReportDto> {
    return this.reports.landingPages(q);
  }
}
