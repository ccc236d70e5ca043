import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * Highest page number accepted: far beyond any real list, and small enough that the row offset
 * stays a safe integer (a larger page used to reach PostgreSQL as an out-of-range bigint: a 500).
 */
export const MAX_PAGE = 1_000_000;

/** `?page=1&pageSize=20`: 1-based pages, at most 100 rows. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const pageOffset = (q: PageQueryDto) => (q.page - 1) * q.pageSize;
