import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ContentReports } from './content-reports.js';
import { CsvReport } from './csv/csv-report.interceptor.js';
import {
  CONTEST_COLUMNS,
  ContestParticipationReportDto,
  TOP_CLASS_COLUMNS,
  TopClassesReportDto,
  VIDEO_COMPLETION_COLUMNS,
  VideoCompletionReportDto,
  WATCH_TIME_COLUMNS,
  WatchTimeReportDto,
} from './dto/content.dto.js';
import { CourseRangeQueryDto, TopClassesQueryDto } from './dto/report-query.dto.js';
import { REPORT_NOTES, ReportsController } from './report-controller.decorators.js';

/** Content Analytics dashboard. */
@ReportsController('content')
export class ContentReportsController {
  constructor(private readonly reports: ContentReports) {}

  @Get('top-classes')
  @CsvReport('top-classes', TOP_CLASS_COLUMNS, TopClassesReportDto)
  @ApiOperation({
    operationId: 'getTopClassesReport',
    summary: 'Most viewed classes',
    description:
      'Per class: page loads carrying its class id, first openings (class_started) and completions (class_completed) ' +
      'in the range, most viewed first.' +
      REPORT_NOTES,
  })
  topClasses(@Query() q: TopClassesQueryDto): Promise<TopClassesReportDto> {
    return this.reports.topClasses(q);
  }

  @Get('video-completion')
  @CsvReport('video-completion', VIDEO_COMPLETION_COLUMNS, VideoCompletionReportDto)
  @ApiOperation({
    operationId: 'getVideoCompletionReport',
    summary: 'Video completion rates, with the 25 / 50 / 75 % milestones',
    description:
      'Per video class: starts, video_progress milestones reached and completions in the range (each happens once per ' +
      'learner and class), and completions / starts.' +
      REPORT_NOTES,
  })
  videoCompletion(@Query() q: CourseRangeQueryDto): Promise<VideoCompletionReportDto> {
    return this.reports.videoCompletion(q);
  }

  @Get('contest-participation')
  @CsvReport('contest-participation', CONTEST_COLUMNS, ContestParticipationReportDto)
  @ApiOperation({
    operationId: 'getContestParticipationReport',
    summary: 'Contest participation rates',
    description:
      'Per contest class: learners who started it in the range (contest_started), completions (contest_completed), and ' +
      "participants as a share of the course's learners enrolled at the end of the range." +
      REPORT_NOTES,
  })
  contestParticipation(@Query() q: CourseRangeQueryDto): Promise<ContestParticipationReportDto> {
    return this.reports.contestParticipation(q);
  }

  @Get('watch-time')
  @CsvReport('watch-time', WATCH_TIME_COLUMNS, WatchTimeReportDto)
  @ApiOperation({
    operationId: 'getWatchTimeReport',
    summary: 'Average watch time by content type',
    description:
      'Per content type, over the learner × class progress rows last active in the range: mean watched seconds, mean ' +
      'watched share of the class duration, completions. Fixes the spec’s "Average completion rate per user" query, ' +
      'whose `watched_duration / NULLIF(cl.duration, 0) * 100` divides integers, so every percentage comes out 0 or ' +
      '100: here the division is numeric. From the progress tables (never pruned). Send `Accept: text/csv` for CSV.',
  })
  watchTime(@Query() q: CourseRangeQueryDto): Promise<WatchTimeReportDto> {
    return this.reports.watchTime(q);
  }
}
