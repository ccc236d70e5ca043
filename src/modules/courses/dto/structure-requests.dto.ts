import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { CONTENT_TYPES, type ContentType } from '../courses.constants.js';
import { HTTP_URL, trim } from './course-requests.dto.js';

/** Optional but not nullable: absent keeps the value, `null` is refused (it has no meaning here). */
const absentIsOk = (_o: object, v: unknown) => v !== undefined;

/** A child's position among its siblings; the same rule for every child kind and every writer. */
const Position = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      minimum: 1,
      maximum: 1_000_000,
      example: 1,
      description:
        'Position among its siblings (1 = first): the ones from there on move down one, positions ' +
        'stay 1..n. Absent, or beyond the end: last.',
    }),
    ValidateIf(absentIsOk),
    IsInt(),
    Min(1),
    Max(1_000_000),
  );

const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

export class CreateModuleDto {
  @ApiProperty({ example: 'HTTP fundamentals', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: 'Requests, responses, status codes.', maxLength: 10_000 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  description!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['Explain the request lifecycle'],
    description: 'Absent when creating: none',
  })
  @ValidateIf(absentIsOk)
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'each learning outcome must be a non-empty string' })
  @MaxLength(500, { each: true })
  learningOutcomes?: string[];

  @Position()
  order?: number;
}

export class UpdateModuleDto extends PartialType(CreateModuleDto, { skipNullProperties: false }) {}

export class CreateTopicDto {
  @ApiProperty({ example: 'Status codes', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Module of the same course; null or absent: a topic of the course itself',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  moduleId?: string | null;

  @Position()
  order?: number;
}

export class UpdateTopicDto extends PartialType(CreateTopicDto, { skipNullProperties: false }) {}

export class CreateClassDto {
  @ApiProperty({ example: 'What a 404 really means', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 10_000 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiPropertyOptional({ enum: CONTENT_TYPES, description: 'Absent when creating: video' })
  @ValidateIf(absentIsOk)
  @IsIn(CONTENT_TYPES)
  contentType?: ContentType;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Required for video classes; http(s)' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUrl(HTTP_URL, { message: 'videoUrl must be an http(s) URL' })
  @MaxLength(2048)
  videoUrl?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Markdown; required for text classes' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(200_000)
  textContent?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Required for contest classes; http(s)' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUrl(HTTP_URL, { message: 'contestUrl must be an http(s) URL' })
  @MaxLength(2048)
  contestUrl?: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 86_400, description: 'Seconds', example: 540 })
  @IsInt()
  @Min(0)
  @Max(86_400)
  duration!: number;

  @Position()
  order?: number;
}

export class UpdateClassDto extends PartialType(CreateClassDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({
    description: 'Move the class to another topic of the same course (last there, or at `order`)',
  })
  @ValidateIf(absentIsOk)
  @IsString()
  topicId?: string;
}
