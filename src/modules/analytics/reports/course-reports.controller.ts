import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CourseReports, DROP_OFF_INACTIVE_DAYS } from './course-reports.js';
import { CsvReport } from './csv/csv-report.interceptor.js';
import {
  COMPLETION_RATE_COLUMNS,
  CompletionRatesReportDto,
  DROP_OFF_COLUMNS,
  DropOffReportDto,
  ENROLMENTS_COLUMNS,
  EnrolmentsReportDto,
  TIME_TO_COMPLETE_COLUMNS,
  TimeToCompleteReportDto,
} from './dto/courses.dto.js';
import { CourseRangeQueryDto, CourseSeriesQueryDto } from './dto/report-query.dto.js';
import { ReportsController } from './report-controller.decorators.js';

const FROM_LEARNING_TABLES =
  ' From the learning tables (enrolments, progress, the course tree), which are never pruned; days are UTC. ' +
  'Send `Accept: text/csv` for the rows as CSV.';

/** Course Performance dashboard. */
@ReportsController('courses')
export class CourseReportsController {
  constructor(private readonly reports: CourseReports) {}

  @Get('enrolments')
  @CsvReport('enrolments', ENROLMENTS_COLUMNS, EnrolmentsReportDto)
  @ApiOperation({
    operationId: 'getEnrolmentsReport',
    summary: 'Enrolments per day, week or month',
    description:
      'Enrolments granted in each period (`course_access.granted_at`); revoked ones are gone.' +
      FROM_LEARNING_TABLES,
  })
  enrolments(@Query() q: CourseSeriesQueryDto): Promise<EnrolmentsReportDto> {
    return this.reports.enrolments(q);
  }

  @Get('completion-rates')
  @CsvReport('completion-rates', COMPLETION_RATE_COLUMNS, CompletionRatesReportDto)
  @ApiOperation({
    operationId: 'getCompletionRatesReport',
    summary: 'Completion rate by course, for the learners enrolled in the range',
    description:
      'A course is complete for a learner when every one of its current classes is completed. Fixes the spec’s ' +
      '"Completion rate by course" query, which counts a learner who completed any single class as having completed ' +
      'the course (`COUNT(DISTINCT CASE WHEN up.is_completed …)` over the joined classes). Every course is listed.' +
      FROM_LEARNING_TABLES,
  })
  completionRates(@Query() q: CourseRangeQueryDto): Promise<CompletionRatesReportDto> {
    return this.reports.completionRates(q);
  }

  @Get('time-to-complete')
  @CsvReport('time-to-complete', TIME_TO_COMPLETE_COLUMNS, TimeToCompleteReportDto)
  @ApiOperation({
    operationId: 'getTimeToCompleteReport',
    summary: 'Average and median time to complete a course, for courses completed in the range',
    description:
      'From enrolment (`granted_at`) to the completion of the last class (`completed_at`), for learners who completed ' +
      'every class of the course in the range.' +
      FROM_LEARNING_TABLES,
  })
  timeToComplete(@Query() q: CourseRangeQueryDto): Promise<TimeToCompleteReportDto> {
    return this.reports.timeToComplete(q);
  }

  @Get('drop-off')
  @CsvReport('drop-off', DROP_OFF_COLUMNS, DropOffReportDto)
  @ApiOperation({
    operationId: 'getDropOffReport',
    summary: 'Drop-off points: the class where learners stop',
    description:
      `Enrolled learners who have not completed the course and have had no activity in it for ${DROP_OFF_INACTIVE_DAYS} days, ` +
      'whose last activity falls in the range, counted at the class of that last activity (the last class reached ' +
      'before going inactive), in outline order.' +
      FROM_LEARNING_TABLES,
  })
  dropOff(@Query() q: CourseRangeQueryDto): Promise<DropOffReportDto> {
    return this.reports.dropOff(q);
  }
}
