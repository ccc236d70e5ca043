import { ApiProperty } from '@nestjs/swagger';
import { GRANULARITIES, type Granularity } from '../report-range.js';
import { CourseFiltersDto, Filters, PeriodRowDto, ReportMetaDto } from './report-common.dto.js';

export class EnrolmentsRowDto extends PeriodRowDto {
  @ApiProperty({ example: 18 })
  enrolments!: number;
}
export const ENROLMENTS_COLUMNS = ['start', 'end', 'enrolments'] as const;

export class EnrolmentsTotalsDto {
  @ApiProperty({ example: 140 })
  enrolments!: number;
}

export class EnrolmentsReportDto extends ReportMetaDto {
  @Filters(CourseFiltersDto)
  override filters!: CourseFiltersDto;

  @ApiProperty({ enum: GRANULARITIES })
  granularity!: Granularity;

  @ApiProperty({ type: [EnrolmentsRowDto] })
  rows!: EnrolmentsRowDto[];

  @ApiProperty({ type: EnrolmentsTotalsDto })
  totals!: EnrolmentsTotalsDto;
}

export class CourseRowDto {
  @ApiProperty()
  courseId!: string;

  @ApiProperty({ nullable: true, type: String, description: 'Null for a course that no longer exists' })
  courseTitle!: string | null;
}

export class CompletionRateRowDto extends CourseRowDto {
  @ApiProperty({ description: 'Current classes of the course', example: 12 })
  classes!: number;

  @ApiProperty({ description: 'Learners enrolled in the range (still enrolled)', example: 40 })
  enrolled!: number;

  @ApiProperty({ description: 'Of those, learners who have completed every class', example: 9 })
  completed!: number;

  @ApiProperty({ description: 'completed / enrolled, %', example: 22.5 })
  completionRate!: number;
}
export const COMPLETION_RATE_COLUMNS = [
  'courseId',
  'courseTitle',
  'classes',
  'enrolled',
  'completed',
  'completionRate',
] as const;

export class CompletionTotalsDto {
  @ApiProperty({ example: 120 })
  enrolled!: number;

  @ApiProperty({ example: 30 })
  completed!: number;

  @ApiProperty({ example: 25 })
  completionRate!: number;
}

export class CompletionRatesReportDto extends ReportMetaDto {
  @Filters(CourseFiltersDto)
  override filters!: CourseFiltersDto;

  @ApiProperty({ type: [CompletionRateRowDto] })
  rows!: CompletionRateRowDto[];

  @ApiProperty({ type: CompletionTotalsDto })
  totals!: CompletionTotalsDto;
}

export class TimeToCompleteRowDto extends CourseRowDto {
  @ApiProperty({ description: 'Courses completed in the range', example: 7 })
  completions!: number;

  @ApiProperty({
    description: 'Mean days from enrolment to completion (two decimals)',
    example: 23.41,
    nullable: true,
    type: Number,
  })
  averageDays!: number | null;

  @ApiProperty({
    description: 'Median days from enrolment to completion',
    example: 19.02,
    nullable: true,
    type: Number,
  })
  medianDays!: number | null;
}
export const TIME_TO_COMPLETE_COLUMNS = [
  'courseId',
  'courseTitle',
  'completions',
  'averageDays',
  'medianDays',
] as const;

export class TimeToCompleteTotalsDto {
  @ApiProperty({ example: 21 })
  completions!: number;

  @ApiProperty({ nullable: true, type: Number, example: 25.5 })
  averageDays!: number | null;

  @ApiProperty({ nullable: true, type: Number, example: 20.1 })
  medianDays!: number | null;
}

export class TimeToCompleteReportDto extends ReportMetaDto {
  @Filters(CourseFiltersDto)
  override filters!: CourseFiltersDto;

  @ApiProperty({ type: [TimeToCompleteRowDto] })
  rows!: TimeToCompleteRowDto[];

  @ApiProperty({ type: TimeToCompleteTotalsDto })
  totals!: TimeToCompleteTotalsDto;
}

export class DropOffRowDto extends CourseRowDto {
  @ApiProperty()
  classId!: string;

  @ApiProperty({ nullable: true, type: String })
  classTitle!: string | null;

  @ApiProperty({
    description: 'Position of the class in the course outline (1-based); null if it no longer exists',
    nullable: true,
    type: Number,
  })
  position!: number | null;

  @ApiProperty({
    description: 'Learners whose last activity before going inactive was this class',
    example: 4,
  })
  learners!: number;

  @ApiProperty({ description: "Share of the course's dropped learners, %", example: 18.18 })
  percent!: number;
}
export const DROP_OFF_COLUMNS = [
  'courseId',
  'courseTitle',
  'classId',
  'classTitle',
  'position',
  'learners',
  'percent',
] as const;

export class DropOffTotalsDto {
  @ApiProperty({ example: 22 })
  droppedLearners!: number;
}

export class DropOffReportDto extends ReportMetaDto {
  @Filters(CourseFiltersDto)
  override filters!: CourseFiltersDto;

  @ApiProperty({ description: 'Days without activity after which a learner counts as dropped', example: 14 })
  inactiveDays!: number;

  @ApiProperty({ type: [DropOffRowDto] })
  rows!: DropOffRowDto[];

  @ApiProperty({ type: DropOffTotalsDto })
  totals!: DropOffTotalsDto;
}
