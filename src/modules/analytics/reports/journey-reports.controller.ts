import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CsvReport } from './csv/csv-report.interceptor.js';
import {
  CourseDiscoveryReportDto,
  DISCOVERY_COLUMNS,
  FUNNEL_COLUMNS,
  LoginFunnelReportDto,
  MILESTONE_COLUMNS,
  MilestoneTimesReportDto,
  MODULE_PROGRESSION_COLUMNS,
  ModuleProgressionReportDto,
} from './dto/journey.dto.js';
import { CourseRangeQueryDto, RangeQueryDto, SessionQueryDto } from './dto/report-query.dto.js';
import { JourneyReports } from './journey-reports.js';
import { REPORT_NOTES, ReportsController } from './report-controller.decorators.js';

/** User Journey dashboard. */
@ReportsController('journey')
export class JourneyReportsController {
  constructor(private readonly reports: JourneyReports) {}

  @Get('login-funnel')
  @CsvReport('login-funnel', FUNNEL_COLUMNS, LoginFunnelReportDto)
  @ApiOperation({
    operationId: 'getLoginFunnelReport',
    summary: 'The 7-step login funnel, strictly in order per session, with conversion per step',
    description:
      'Steps: login page visited, login clicked, email entered, OTP requested, OTP entered, login success, dashboard ' +
      'reached. A session reaches a step only through every earlier step, in that order (also across midnight). Fixes ' +
      'the spec’s funnel query, which counts each step on its own (a session that requests an OTP without ever seeing ' +
      'the login page counts at step 4) and splits a session when its user id changes. Filters apply to the session ' +
      '(platform; first-touch source).' +
      REPORT_NOTES,
  })
  loginFunnel(@Query() q: SessionQueryDto): Promise<LoginFunnelReportDto> {
    return this.reports.loginFunnel(q);
  }

  @Get('course-discovery')
  @CsvReport('course-discovery', DISCOVERY_COLUMNS, CourseDiscoveryReportDto)
  @ApiOperation({
    operationId: 'getCourseDiscoveryReport',
    summary: 'Course discovery → enrolment',
    description:
      'Per course: course views, distinct logged-in viewers, enrolments granted in the range, and the viewers who ' +
      'enrolled on or after a day they viewed the course in the range.' +
      REPORT_NOTES,
  })
  courseDiscovery(@Query() q: CourseRangeQueryDto): Promise<CourseDiscoveryReportDto> {
    return this.reports.courseDiscovery(q);
  }

  @Get('module-progression')
  @CsvReport('module-progression', MODULE_PROGRESSION_COLUMNS, ModuleProgressionReportDto)
  @ApiOperation({
    operationId: 'getModuleProgressionReport',
    summary: 'Module progression rates, in course outline order',
    description:
      'Per module: learners who started and completed it in the range (module_started / module_completed, once per ' +
      'learner and module), and how many started the next module per learner completing this one.' +
      REPORT_NOTES,
  })
  moduleProgression(@Query() q: CourseRangeQueryDto): Promise<ModuleProgressionReportDto> {
    return this.reports.moduleProgression(q);
  }

  @Get('milestone-times')
  @CsvReport('milestone-times', MILESTONE_COLUMNS, MilestoneTimesReportDto)
  @ApiOperation({
    operationId: 'getMilestoneTimesReport',
    summary: 'Median time between journey milestones',
    description:
      'Milestones: registered (account created), first course viewed, first class started, first class completed, ' +
      'first module completed. For the users who reached a milestone for the first time in the range, the hours since ' +
      'they first reached the one before (when they had).' +
      REPORT_NOTES,
  })
  milestoneTimes(@Query() q: RangeQueryDto): Promise<MilestoneTimesReportDto> {
    return this.reports.milestoneTimes(q);
  }
}
