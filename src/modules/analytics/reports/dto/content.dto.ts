import { ApiProperty } from '@nestjs/swagger';
import {
  CourseFiltersDto,
  EventReportMetaDto,
  Filters,
  ReportMetaDto,
  TopClassesFiltersDto,
} from './report-common.dto.js';

export class ClassRowDto {
  @ApiProperty()
  classId!: string;

  @ApiProperty({ nullable: true, type: String, description: 'Null for a class that no longer exists' })
  classTitle!: string | null;

  @ApiProperty({ nullable: true, type: String })
  courseId!: string | null;
}

export class TopClassRowDto extends ClassRowDto {
  @ApiProperty({ nullable: true, type: String, enum: ['video', 'text', 'contest'] })
  contentType!: string | null;

  @ApiProperty({ description: 'Page loads of the class (events carrying its class id)', example: 320 })
  views!: number;

  @ApiProperty({ description: 'class_started events: learners opening it for the first time', example: 95 })
  starts!: number;

  @ApiProperty({ description: 'class_completed events', example: 71 })
  completions!: number;

  @ApiProperty({ description: 'completions / starts, %', example: 74.74 })
  completionRate!: number;
}
export const TOP_CLASS_COLUMNS = [
  'classId',
  'classTitle',
  'courseId',
  'contentType',
  'views',
  'starts',
  'completions',
  'completionRate',
] as const;

export class ClassTotalsDto {
  @ApiProperty({ description: 'Classes with events in the range', example: 140 })
  classes!: number;

  @ApiProperty({ example: 5400 })
  views!: number;

  @ApiProperty({ example: 1500 })
  starts!: number;

  @ApiProperty({ example: 1100 })
  completions!: number;

  @ApiProperty({ example: 73.33 })
  completionRate!: number;
}

export class TopClassesReportDto extends EventReportMetaDto {
  @Filters(TopClassesFiltersDto)
  override filters!: TopClassesFiltersDto;

  @ApiProperty({ type: [TopClassRowDto] })
  rows!: TopClassRowDto[];

  @ApiProperty({ type: ClassTotalsDto })
  totals!: ClassTotalsDto;
}

export class VideoCompletionRowDto extends ClassRowDto {
  @ApiProperty({ example: 120 })
  starts!: number;

  @ApiProperty({ description: 'video_progress events at 25 %', example: 100 })
  reached25!: number;

  @ApiProperty({ example: 88 })
  reached50!: number;

  @ApiProperty({ example: 80 })
  reached75!: number;

  @ApiProperty({ example: 74 })
  completions!: number;

  @ApiProperty({ description: 'completions / starts, %', example: 61.67 })
  completionRate!: number;
}
export const VIDEO_COMPLETION_COLUMNS = [
  'classId',
  'classTitle',
  'courseId',
  'starts',
  'reached25',
  'reached50',
  'reached75',
  'completions',
  'completionRate',
] as const;

export class VideoCompletionTotalsDto {
  @ApiProperty({ example: 30 })
  videos!: number;

  @ApiProperty({ example: 1200 })
  starts!: number;

  @ApiProperty({ example: 800 })
  completions!: number;

  @ApiProperty({ example: 66.67 })
  completionRate!: number;
}

export class VideoCompletionReportDto extends EventReportMetaDto {
  @Filters(CourseFiltersDto)
  override filters!: CourseFiltersDto;

  @ApiProperty({ type: [VideoCompletionRowDto] })
  rows!: VideoCompletionRowDto[];

  @ApiProperty({ type: VideoCompletionTotalsDto })
  totals!: VideoCompletionTotalsDto;
}

export class ContestRowDto extends ClassRowDto {
  @ApiProperty({
    description: "Learners enrolled in the contest's course at the end of the range",
    example: 200,
  })
  enrolled!: number;

  @ApiProperty({
    description: 'contest_started events: learners opening the contest for the first time',
    example: 64,
  })
  participants!: number;

  @ApiProperty({ description: 'contest_completed events', example: 40 })
  completions!: number;

  @ApiProperty({ description: 'participants / enrolled, %', example: 32 })
  participationRate!: number;

  @ApiProperty({ description: 'completions / participants, %', example: 62.5 })
  completionRate!: number;
}
export const CONTEST_COLUMNS = [
  'classId',
  'classTitle',
  'courseId',
  'enrolled',
  'participants',
  'completions',
  'participationRate',
  'completionRate',
] as const;

export class ContestTotalsDto {
  @ApiProperty({ example: 6 })
  contests!: number;

  @ApiProperty({ example: 300 })
  participants!: number;

  @ApiProperty({ example: 180 })
  completions!: number;

  @ApiProperty({ example: 60 })
  completionRate!: number;
}

export class ContestParticipationReportDto extends EventReportMetaDto {
  @Filters(CourseFiltersDto)
  override filters!: CourseFiltersDto;

  @ApiProperty({ type: [ContestRowDto] })
  rows!: ContestRowDto[];

  @ApiProperty({ type: ContestTotalsDto })
  totals!: ContestTotalsDto;
}

export class WatchTimeRowDto {
  @ApiProperty({ enum: ['video', 'text', 'contest'] })
  contentType!: string;

  @ApiProperty({ description: 'Learner × class progress rows last active in the range', example: 900 })
  learnerClasses!: number;

  @ApiProperty({ description: 'Mean watched (or spent) seconds per learner and class', example: 412.5 })
  averageWatchSeconds!: number;

  @ApiProperty({
    description: 'Mean of watched / class duration × 100, numeric (may pass 100 with re-watching)',
    example: 71.35,
  })
  averageWatchPercent!: number;

  @ApiProperty({ example: 610 })
  completed!: number;

  @ApiProperty({ description: 'completed / learnerClasses, %', example: 67.78 })
  completionRate!: number;
}
export const WATCH_TIME_COLUMNS = [
  'contentType',
  'learnerClasses',
  'averageWatchSeconds',
  'averageWatchPercent',
  'completed',
  'completionRate',
] as const;

export class WatchTimeTotalsDto {
  @ApiProperty({ example: 1500 })
  learnerClasses!: number;

  @ApiProperty({ example: 380.2 })
  averageWatchSeconds!: number;

  @ApiProperty({ example: 68.1 })
  averageWatchPercent!: number;

  @ApiProperty({ example: 1000 })
  completed!: number;

  @ApiProperty({ example: 66.67 })
  completionRate!: number;
}

export class WatchTimeReportDto extends ReportMetaDto {
  @Filters(CourseFiltersDto)
  override filters!: CourseFiltersDto;

  @ApiProperty({ type: [WatchTimeRowDto] })
  rows!: WatchTimeRowDto[];

  @ApiProperty({ type: WatchTimeTotalsDto })
  totals!: WatchTimeTotalsDto;
}
