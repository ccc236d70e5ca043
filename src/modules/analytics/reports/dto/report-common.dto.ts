import { ApiProperty } from '@nestjs/swagger';
import { GRANULARITIES, type Granularity } from '../report-range.js';

export class ReportSourcesDto {
  @ApiProperty({
    type: [String],
    description:
      'Days answered from raw events because they are not rolled up yet (today; a day whose rollup failed)',
    example: ['2026-02-01'],
  })
  rawDays!: string[];

  @ApiProperty({
    type: [String],
    description:
      'Days up to today with neither aggregates nor raw events (before tracking started): counted as empty',
    example: [],
  })
  missingDays!: string[];

  @ApiProperty({
    enum: ['primary', 'replica'],
    description:
      'The server that answered the whole report: the read replica (DATABASE_REPLICA_URL) when every day of ' +
      'the range is rolled up there, else the primary. A replica that lags answers as of its last replayed ' +
      'change, consistently (ledger and aggregates of the same moment).',
    example: 'primary',
  })
  server!: 'primary' | 'replica';
}

/** What every report answers besides its rows and totals. */
export class ReportMetaDto {
  @ApiProperty({ example: '2026-01-01' })
  from!: string;

  @ApiProperty({ example: '2026-01-31' })
  to!: string;

  @ApiProperty({
    description: 'The filters applied (absent ones are not listed)',
    example: { platform: 'web' },
  })
  filters!: Record<string, string | number>;
}

/** Reports over analytics events also say which days came from raw events. */
export class EventReportMetaDto extends ReportMetaDto {
  @ApiProperty({ type: ReportSourcesDto })
  source!: ReportSourcesDto;
}

export class SeriesMetaDto extends EventReportMetaDto {
  @ApiProperty({ enum: GRANULARITIES })
  granularity!: Granularity;
}

/** One period of a series: calendar day, ISO week or month, cut to the range. */
export class PeriodRowDto {
  @ApiProperty({ example: '2026-01-05', description: 'First day of the period within the range' })
  start!: string;

  @ApiProperty({ example: '2026-01-11', description: 'Last day of the period within the range' })
  end!: string;
}

/** Drops undefined filters so `filters` lists what was applied. */
export function appliedFilters(
  filters: Record<string, string | number | undefined>,
): Record<string, string | number> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | number
  >;
}
