import { ApiProperty } from '@nestjs/swagger';
import {
  COURSE_LEVELS,
  COURSE_TYPES,
  CONTENT_TYPES,
  type ContentType,
  type CourseLevel,
  type CourseType,
} from '../courses.constants.js';
import type { CourseClass } from '../entities/course-class.entity.js';
import type { CourseModule } from '../entities/course-module.entity.js';
import type { Course } from '../entities/course.entity.js';
import type { Topic } from '../entities/topic.entity.js';

export class CourseDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ nullable: true, type: String }) thumbnail!: string | null;
  @ApiProperty({ nullable: true, type: String }) instructor!: string | null;
  @ApiProperty({ description: 'Author’s estimate, minutes' }) duration!: number;
  @ApiProperty({ enum: COURSE_LEVELS }) level!: CourseLevel;
  @ApiProperty({ enum: COURSE_TYPES }) type!: CourseType;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;

  static from(c: Course): CourseDto {
    return {
      id: c.id,
      title: c.title,
      description: c.description,
      thumbnail: c.thumbnail,
      instructor: c.instructor,
      duration: c.duration,
      level: c.level,
      type: c.type,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    };
  }
}

export class CoursePageDto {
  @ApiProperty({ type: [CourseDto] }) items!: CourseDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) pageSize!: number;
}

/** A class as the outline shows it: no content (that is gated by access). */
export class ClassSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() topicId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: CONTENT_TYPES }) contentType!: ContentType;
  @ApiProperty({ description: 'Seconds' }) duration!: number;
  @ApiProperty() order!: number;

  static from(k: CourseClass): ClassSummaryDto {
    return {
      id: k.id,
      topicId: k.topic.id,
      title: k.title,
      description: k.description,
      contentType: k.contentType ?? 'video',
      duration: k.duration,
      order: k.order,
    };
  }
}

/** A class with its content, for learners with access and staff. */
export class ClassContentDto extends ClassSummaryDto {
  @ApiProperty() courseId!: string;
  @ApiProperty({ nullable: true, type: String }) videoUrl!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Markdown' }) textContent!: string | null;
  @ApiProperty({ nullable: true, type: String }) contestUrl!: string | null;

  static withContent(k: CourseClass, courseId: string): ClassContentDto {
    return {
      ...ClassSummaryDto.from(k),
      courseId,
      videoUrl: k.videoUrl,
      textContent: k.textContent,
      contestUrl: k.contestUrl,
    };
  }
}

export class TopicDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) moduleId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() order!: number;
  @ApiProperty({ type: [ClassSummaryDto] }) classes!: ClassSummaryDto[];

  static from(t: Topic, classes: ClassSummaryDto[] = []): TopicDto {
    return { id: t.id, moduleId: t.module?.id ?? null, title: t.title, order: t.order, classes };
  }
}

export class ModuleDto {
  @ApiProperty() id!: string;
  @ApiProperty() courseId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() order!: number;
  @ApiProperty({ type: [String] }) learningOutcomes!: string[];
  @ApiProperty({ type: [TopicDto] }) topics!: TopicDto[];

  static from(m: CourseModule, topics: TopicDto[] = []): ModuleDto {
    return {
      id: m.id,
      courseId: m.course.id,
      title: m.title,
      description: m.description,
      order: m.order,
      learningOutcomes: m.learningOutcomes,
      topics,
    };
  }
}

export class CourseOutlineDto extends CourseDto {
  @ApiProperty({
    type: [ModuleDto],
    description: 'Modules in order, each with its topics and classes in order',
  })
  modules!: ModuleDto[];

  @ApiProperty({ type: [TopicDto], description: 'Topics without a module, in order, after the modules' })
  topics!: TopicDto[];

  @ApiProperty({ description: 'Number of classes in the course' })
  classCount!: number;

  @ApiProperty({ description: 'Sum of the classes’ durations in seconds (compare with `duration`, minutes)' })
  classDurationSeconds!: number;
}
