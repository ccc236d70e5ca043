import { addDays, sqlDate } from '../rollup/index.js';
import { reportSql } from './report-sql.js';

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** UTC days, both included. */
export interface DayRange {
  from: string;
  to: string;
}

/** A period of a series: a calendar day, ISO week (Monday to Sunday) or month, cut to the range. */
export interface Period {
  start: string;
  end: string;
}

/** Start of the calendar period containing `day`. */
export function periodStart(day: string, granularity: Granularity): string {
  if (granularity === 'day') return day;
  if (granularity === 'month') return `${day.slice(0, 8)}01`;
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(day, -weekday);
}

function nextPeriodStart(start: string, granularity: Granularity): string {
  if (granularity === 'day') return addDays(start, 1);
  if (granularity === 'week') return addDays(start, 7);
  const d = new Date(`${start}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

/** Every period overlapping the range, in order, each cut to the range (so the first and last may be partial). */
export function periods(range: DayRange, granularity: Granularity): Period[] {
  const out: Period[] = [];
  for (
    let start = periodStart(range.from, granularity);
    start <= range.to;
    start = nextPeriodStart(start, granularity)
  ) {
    const end = addDays(nextPeriodStart(start, granularity), -1);
    out.push({ start: start < range.from ? range.from : start, end: end > range.to ? range.to : end });
  }
  return out;
}

/** Daily counts summed per period of the range: every period, in order, with 0 where none fell. */
export function sumByPeriod(
  range: DayRange,
  granularity: Granularity,
  perDay: { day: string; n: number }[],
): (Period & { n: number })[] {
  const byPeriod = new Map<string, number>();
  for (const { day, n } of perDay) {
    const start = periodStart(day, granularity);
    const key = start < range.from ? range.from : start;
    byPeriod.set(key, (byPeriod.get(key) ?? 0) + n);
  }
  return periods(range, granularity).map((p) => ({ ...p, n: byPeriod.get(p.start) ?? 0 }));
}

/**
 * SQL for the (cut) start of the period containing the date expression `day`: the same periods as
 * `periods()`. `granularity: 'range'` is the whole range as one period (totals).
 */
export function periodStartSql(day: string, granularity: Granularity | 'range', range: DayRange): string {
  if (granularity === 'range') return sqlDate(range.from);
  return reportSql('filters/period-start', {
    values: { granularity, day_column: day, range_from: sqlDate(range.from) },
  });
}

/** A percentage with two decimals; 0 when there is nothing to divide by. */
export const percent = (part: number, whole: number): number =>
  whole ? Math.round((10_000 * part) / whole) / 100 : 0;
