import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { CONTENT_TYPES, type ContentType } from '../../courses/index.js';

export class HeartbeatDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 3600,
    description: 'Seconds watched since the previous heartbeat (added to the total, capped)',
    example: 15,
  })
  @IsInt()
  @Min(0)
  @Max(3600)
  watchedSeconds!: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'Resume point in seconds, 0 ≤ position ≤ class duration',
    example: 120,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  lastPosition?: number;

  @ApiPropertyOptional({
    description:
      'Text and contest classes: the learner finished it. Ignored for videos (they complete by watch time).',
  })
  @IsOptional()
  @IsBoolean()
  completed?: boolean;
}

export class ProgressQueryDto {
  @ApiPropertyOptional({ description: 'Staff only: whose progress to read (default: mine)' })
  @IsOptional()
  @IsString()
  userId?: string;
}

export class ClassProgressDto {
  @ApiProperty() classId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CONTENT_TYPES }) contentType!: ContentType;
  @ApiProperty({ description: 'Seconds' }) duration!: number;
  @ApiProperty({ description: 'Seconds watched in total' }) watchedSeconds!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Resume point, seconds' }) lastPosition!:
    number | null;
  @ApiProperty() isCompleted!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastWatchedAt!: Date | null;
}

export class TopicProgressDto {
  @ApiProperty() topicId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [ClassProgressDto] }) classes!: ClassProgressDto[];
}

export class Completion {
  @ApiProperty() completedClasses!: number;
  @ApiProperty() totalClasses!: number;
  @ApiProperty({ description: 'completed / total × 100, one decimal; 0 for an empty course' })
  percent!: number;
}

export class ModuleProgressDto extends Completion {
  @ApiProperty() moduleId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [TopicProgressDto] }) topics!: TopicProgressDto[];
}

export class CourseProgressDto extends Completion {
  @ApiProperty() courseId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ type: [ModuleProgressDto] }) modules!: ModuleProgressDto[];
  @ApiProperty({ type: [TopicProgressDto], description: 'Topics without a module' })
  topics!: TopicProgressDto[];
}

export class HeartbeatResultDto {
  @ApiProperty() classId!: string;
  @ApiProperty() watchedSeconds!: number;
  @ApiProperty({ nullable: true, type: Number }) lastPosition!: number | null;
  @ApiProperty() isCompleted!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: Date | null;
}

export class ContinueDto {
  @ApiProperty() courseId!: string;
  @ApiProperty() courseTitle!: string;
  @ApiProperty() classId!: string;
  @ApiProperty() classTitle!: string;
  @ApiProperty({ enum: CONTENT_TYPES }) contentType!: ContentType;
  @ApiProperty({ description: 'Resume point in seconds (0 when never started)' }) lastPosition!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastWatchedAt!: Date | null;
}

export class MyCourseDto extends Completion {
  @ApiProperty() courseId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) thumbnail!: string | null;
  @ApiProperty({ format: 'date-time' }) enrolledAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastActivityAt!: Date | null;
  @ApiProperty({
    nullable: true,
    type: ContinueDto,
    description: 'Where to pick up; null when everything is done',
  })
  continueWith!: ContinueDto | null;
}

export class MemberDto extends Completion {
  @ApiProperty() userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ format: 'date-time' }) grantedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastActivityAt!: Date | null;
}

export class MemberPageDto {
  @ApiProperty({ type: [MemberDto] }) items!: MemberDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) pageSize!: number;
}
