import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CsvReport } from './csv/csv-report.interceptor.js';
import {
  ACTIVE_USERS_COLUMNS,
  ActiveUsersReportDto,
  PAGE_VIEWS_COLUMNS,
  PageViewsReportDto,
  REGISTRATIONS_COLUMNS,
  RegistrationsReportDto,
  SESSION_DURATION_COLUMNS,
  SessionDurationsReportDto,
} from './dto/engagement.dto.js';
import { PageViewsQueryDto, SeriesQueryDto, SessionQueryDto } from './dto/report-query.dto.js';
import { EngagementReports } from './engagement-reports.js';
import { REPORT_NOTES, ReportsController } from './report-controller.decorators.js';

/** User Engagement dashboard. */
@ReportsController('engagement')
export class EngagementReportsController {
  constructor(private readonly reports: EngagementReports) {}

  @Get('active-users')
  @CsvReport('active-users', ACTIVE_USERS_COLUMNS, ActiveUsersReportDto)
  @ApiOperation({
    operationId: 'getActiveUsersReport',
    summary: 'Active users per day, week or month (DAU / WAU / MAU), exact',
    description:
      'An active user has an event with `is_logged_in` in the period (as the spec counts them). Each period and the ' +
      'total are distinct counts, not sums of days.' +
      REPORT_NOTES,
  })
  activeUsers(@Query() q: SeriesQueryDto): Promise<ActiveUsersReportDto> {
    return this.reports.activeUsers(q);
  }

  @Get('registrations')
  @CsvReport('registrations', REGISTRATIONS_COLUMNS, RegistrationsReportDto)
  @ApiOperation({
    operationId: 'getRegistrationsReport',
    summary: 'New registrations (accounts created) per day, week or month',
    description:
      'From the accounts themselves (`users.created_at`, UTC); deleted accounts are not counted. Send `Accept: text/csv` for CSV.',
  })
  registrations(@Query() q: SeriesQueryDto): Promise<RegistrationsReportDto> {
    return this.reports.registrations(q);
  }

  @Get('session-durations')
  @CsvReport('session-durations', SESSION_DURATION_COLUMNS, SessionDurationsReportDto)
  @ApiOperation({
    operationId: 'getSessionDurationsReport',
    summary: 'Session duration distribution',
    description:
      'A session (`session_id`) lasts from its first to its last event in the range, also across midnight. Its platform ' +
      'and first-touch UTM source (the first of its events that has one) decide the filters.' +
      REPORT_NOTES,
  })
  sessionDurations(@Query() q: SessionQueryDto): Promise<SessionDurationsReportDto> {
    return this.reports.sessionDurations(q);
  }

  @Get('page-views')
  @CsvReport('page-views', PAGE_VIEWS_COLUMNS, PageViewsReportDto)
  @ApiOperation({
    operationId: 'getPageViewsReport',
    summary: 'Page views by page or page type',
    description:
      'Page loads (`we_page_load`) per path without query string or fragment, or per first path segment ' +
      '(`groupBy=pageType`: `/courses/abc` → `/courses`), most viewed first.' +
      REPORT_NOTES,
  })
  pageViews(@Query() q: PageViewsQueryDto): Promise<PageViewsReportDto> {
    return this.reports.pageViews(q);
  }
}
