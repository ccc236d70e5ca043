import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
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
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { COURSE_LEVELS, COURSE_TYPES, type CourseLevel, type CourseType } from '../courses.constants.js';

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreateCourseDto {
  @ApiProperty({ example: 'Backend Engineering with Node.js', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: 'From HTTP basics to production services.', maxLength: 10_000 })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  description!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://cdn.example.com/backend.jpg' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUrl(HTTP_URL, { message: 'thumbnail must be an http(s) URL' })
  @MaxLength(2048)
  thumbnail?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Ada Byron', maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  instructor?: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100_000,
    description: 'Estimated total duration in minutes (the author’s number)',
    example: 600,
  })
  @IsInt()
  @Min(0)
  @Max(100_000)
  duration!: number;

  @ApiProperty({ enum: COURSE_LEVELS })
  @IsIn(COURSE_LEVELS)
  level!: CourseLevel;

  @ApiProperty({ enum: COURSE_TYPES })
  @IsIn(COURSE_TYPES)
  type!: CourseType;
}

export class UpdateCourseDto extends PartialType(CreateCourseDto, { skipNullProperties: false }) {}

export const COURSE_SORTS = ['newest', 'title'] as const;

export class ListCoursesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: COURSE_LEVELS })
  @IsOptional()
  @IsIn(COURSE_LEVELS)
  level?: CourseLevel;

  @ApiPropertyOptional({ enum: COURSE_TYPES })
  @IsOptional()
  @IsIn(COURSE_TYPES)
  type?: CourseType;

  @ApiPropertyOptional({ description: 'Case-insensitive match in title, description or instructor' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ enum: COURSE_SORTS, default: 'newest' })
  @IsOptional()
  @IsIn(COURSE_SORTS)
  sort: (typeof COURSE_SORTS)[number] = 'newest';
}

/** The complete new order of a parent's children: exactly the current ids, each once. */
export class ReorderDto {
  @ApiProperty({ type: [String], description: 'Every child id, in the new order' })
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsString({ each: true })
  @Type(() => String)
  ids!: string[];
}
