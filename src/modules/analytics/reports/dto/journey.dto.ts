import { ApiProperty } from '@nestjs/swagger';
import {
  CourseFiltersDto,
  EventReportMetaDto,
  Filters,
  NoFilters,
  SessionFiltersDto,
} from './report-common.dto.js';

export class FunnelStepRowDto {
  @ApiProperty({ example: 3 })
  step!: number;

  @ApiProperty({ example: 'Entered email' })
  name!: string;

  @ApiProperty({
    description: 'Sessions that reached this step after all the earlier ones, in order',
    example: 410,
  })
  sessions!: number;

  @ApiProperty({ description: 'sessions / sessions of step 1, %', example: 62.5 })
  conversionRate!: number;

  @ApiProperty({ description: 'sessions / sessions of the previous step, %', example: 91.3 })
  stepConversionRate!: number;
}
export const FUNNEL_COLUMNS = ['step', 'name', 'sessions', 'conversionRate', 'stepConversionRate'] as const;

export class FunnelTotalsDto {
  @ApiProperty({ description: 'Sessions that visited the login page', example: 656 })
  started!: number;

  @ApiProperty({ description: 'Sessions that went through all 7 steps', example: 301 })
  completed!: number;

  @ApiProperty({ example: 45.88 })
  conversionRate!: number;
}

export class LoginFunnelReportDto extends EventReportMetaDto {
  @Filters(SessionFiltersDto)
  override filters!: SessionFiltersDto;

  @ApiProperty({ type: [FunnelStepRowDto] })
  rows!: FunnelStepRowDto[];

  @ApiProperty({ type: FunnelTotalsDto })
  totals!: FunnelTotalsDto;
}

export class DiscoveryRowDto {
  @ApiProperty()
  courseId!: string;

  @ApiProperty({ nullable: true, type: String })
  courseTitle!: string | null;

  @ApiProperty({ description: 'course_viewed events, anonymous included', example: 900 })
  views!: number;

  @ApiProperty({ description: 'Distinct logged-in users who viewed the course', example: 240 })
  viewers!: number;

  @ApiProperty({ description: 'Enrolments granted in the range', example: 40 })
  enrolments!: number;

  @ApiProperty({
    description: 'Viewers who enrolled, on or after a day they viewed it in the range',
    example: 36,
  })
  enrolledViewers!: number;

  @ApiProperty({ description: 'enrolledViewers / viewers, %', example: 15 })
  conversionRate!: number;
}
export const DISCOVERY_COLUMNS = [
  'courseId',
  'courseTitle',
  'views',
  'viewers',
  'enrolments',
  'enrolledViewers',
  'conversionRate',
] as const;

export class DiscoveryTotalsDto {
  @ApiProperty({ example: 4000 })
  views!: number;

  @ApiProperty({ description: 'Distinct users who viewed any course', example: 800 })
  viewers!: number;

  @ApiProperty({ example: 150 })
  enrolments!: number;

  @ApiProperty({ description: 'Distinct users who enrolled in a course they had viewed', example: 120 })
  enrolledViewers!: number;

  @ApiProperty({ example: 15 })
  conversionRate!: number;
}

export class CourseDiscoveryReportDto extends EventReportMetaDto {
  @Filters(CourseFiltersDto)
  override filters!: CourseFiltersDto;

  @ApiProperty({ type: [DiscoveryRowDto] })
  rows!: DiscoveryRowDto[];

  @ApiProperty({ type: DiscoveryTotalsDto })
  totals!: DiscoveryTotalsDto;
}

export class ModuleProgressionRowDto {
  @ApiProperty({ nullable: true, type: String })
  courseId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  courseTitle!: string | null;

  @ApiProperty()
  moduleId!: string;

  @ApiProperty({ nullable: true, type: String })
  moduleTitle!: string | null;

  @ApiProperty({
    description: 'Position in the course (1-based); null for a module that no longer exists',
    nullable: true,
    type: Number,
  })
  position!: number | null;

  @ApiProperty({ description: 'module_started events (once per learner and module)', example: 80 })
  started!: number;

  @ApiProperty({ description: 'module_completed events', example: 52 })
  completed!: number;

  @ApiProperty({ description: 'completed / started, %', example: 65 })
  completionRate!: number;

  @ApiProperty({
    description:
      'Learners starting the next module / learners completing this one, %; null for the last module',
    nullable: true,
    type: Number,
    example: 88.46,
  })
  progressionRate!: number | null;
}
export const MODULE_PROGRESSION_COLUMNS = [
  'courseId',
  'courseTitle',
  'moduleId',
  'moduleTitle',
  'position',
  'started',
  'completed',
  'completionRate',
  'progressionRate',
] as const;

export class ModuleProgressionTotalsDto {
  @ApiProperty({ example: 400 })
  started!: number;

  @ApiProperty({ example: 260 })
  completed!: number;

  @ApiProperty({ example: 65 })
  completionRate!: number;
}

export class ModuleProgressionReportDto extends EventReportMetaDto {
  @Filters(CourseFiltersDto)
  override filters!: CourseFiltersDto;

  @ApiProperty({ type: [ModuleProgressionRowDto] })
  rows!: ModuleProgressionRowDto[];

  @ApiProperty({ type: ModuleProgressionTotalsDto })
  totals!: ModuleProgressionTotalsDto;
}

export class MilestoneIntervalRowDto {
  @ApiProperty({ example: 'class_started' })
  fromMilestone!: string;

  @ApiProperty({ example: 'class_completed' })
  toMilestone!: string;

  @ApiProperty({
    description: 'Users who reached toMilestone for the first time in the range, after fromMilestone',
    example: 130,
  })
  users!: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    example: 20.5,
    description: 'Hours between the two first times, median',
  })
  medianHours!: number | null;

  @ApiProperty({ nullable: true, type: Number, example: 41.2 })
  averageHours!: number | null;
}
export const MILESTONE_COLUMNS = [
  'fromMilestone',
  'toMilestone',
  'users',
  'medianHours',
  'averageHours',
] as const;

export class MilestoneTotalsDto {
  @ApiProperty({ description: 'Users who started their first class in the range', example: 310 })
  newLearners!: number;
}

export class MilestoneTimesReportDto extends EventReportMetaDto {
  @NoFilters()
  override filters!: Record<string, never>;

  @ApiProperty({ type: [MilestoneIntervalRowDto] })
  rows!: MilestoneIntervalRowDto[];

  @ApiProperty({ type: MilestoneTotalsDto })
  totals!: MilestoneTotalsDto;
}
