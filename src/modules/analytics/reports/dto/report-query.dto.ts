import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { PLATFORMS, type Platform } from '../../analytics.constants.js';
import { isUtcDay, MAX_RANGE_DAYS } from '../../rollup/index.js';
import { GRANULARITIES, type Granularity } from '../report-range.js';

const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

@ValidatorConstraint({ name: 'utcDay' })
class UtcDayConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isUtcDay(value);
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be a calendar date (YYYY-MM-DD)`;
  }
}

/** `from` ≤ `to`, at most two years of days. Reported on `from`. */
@ValidatorConstraint({ name: 'dayRange' })
class DayRangeConstraint implements ValidatorConstraintInterface {
  private problem(args: ValidationArguments): string | undefined {
    const { from, to } = args.object as { from?: unknown; to?: unknown };
    if (typeof from !== 'string' || typeof to !== 'string' || !isUtcDay(from) || !isUtcDay(to))
      return undefined;
    if (from > to) return 'from must be on or before to';
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
    const twoYearsLater = new Date(`${from}T00:00:00Z`);
    twoYearsLater.setUTCFullYear(twoYearsLater.getUTCFullYear() + 2);
    if (days > MAX_RANGE_DAYS || Date.parse(`${to}T00:00:00Z`) >= twoYearsLater.getTime()) {
      return 'the range from … to must not be longer than 2 years';
    }
    return undefined;
  }

  validate(_value: unknown, args: ValidationArguments): boolean {
    return this.problem(args) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return this.problem(args) ?? 'invalid range';
  }
}

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`: UTC days, both included. */
export class RangeQueryDto {
  @ApiProperty({ format: 'date', description: 'First UTC day, included (YYYY-MM-DD)', example: '2026-01-01' })
  @Matches(DAY_FORMAT, { message: 'from must be a date (YYYY-MM-DD)' })
  @Validate(UtcDayConstraint)
  @Validate(DayRangeConstraint)
  from!: string;

  @ApiProperty({
    format: 'date',
    description: 'Last UTC day, included (YYYY-MM-DD); at most 2 years after from',
    example: '2026-01-31',
  })
  @Matches(DAY_FORMAT, { message: 'to must be a date (YYYY-MM-DD)' })
  @Validate(UtcDayConstraint)
  to!: string;
}

export class GranularityQueryDto {
  @ApiPropertyOptional({
    enum: GRANULARITIES,
    default: 'day',
    description: 'Period of each row: UTC day, ISO week (Monday–Sunday) or calendar month, cut to the range',
  })
  @IsOptional()
  @IsIn(GRANULARITIES)
  granularity: Granularity = 'day';
}

export class PlatformQueryDto {
  @ApiPropertyOptional({ enum: PLATFORMS, description: 'Only sessions on this platform' })
  @IsOptional()
  @IsIn(PLATFORMS)
  platform?: Platform;
}

export class UtmSourceQueryDto {
  @ApiPropertyOptional({
    description:
      "Only this UTM source (first touch for sessions); 'Direct' means none, as in traffic sources",
    example: 'google',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  utmSource?: string;
}

export class CourseQueryDto {
  @ApiPropertyOptional({ description: 'Only this course' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  courseId?: string;
}

export class LimitQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 1000,
    default: 50,
    description: 'Rows returned (totals cover all)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 50;
}

export class SeriesQueryDto extends IntersectionType(RangeQueryDto, GranularityQueryDto) {}
export class CourseSeriesQueryDto extends IntersectionType(SeriesQueryDto, CourseQueryDto) {}
export class CourseRangeQueryDto extends IntersectionType(RangeQueryDto, CourseQueryDto) {}
export class SessionQueryDto extends IntersectionType(RangeQueryDto, PlatformQueryDto, UtmSourceQueryDto) {}
export class PlatformRangeQueryDto extends IntersectionType(RangeQueryDto, PlatformQueryDto) {}
export class UtmRangeQueryDto extends IntersectionType(RangeQueryDto, UtmSourceQueryDto) {}
export class PageViewsQueryDto extends IntersectionType(RangeQueryDto, LimitQueryDto) {
  @ApiPropertyOptional({
    enum: ['page', 'pageType'],
    default: 'page',
    description: 'Per path, or per first path segment',
  })
  @IsOptional()
  @IsIn(['page', 'pageType'])
  groupBy: 'page' | 'pageType' = 'page';
}
export class TopClassesQueryDto extends IntersectionType(CourseRangeQueryDto, LimitQueryDto) {}
export class LandingPagesQueryDto extends IntersectionType(SessionQueryDto, LimitQueryDto) {}
