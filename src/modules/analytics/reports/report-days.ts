import type pg from 'pg';
import { firstRow } from '../../../common/assert/defined.js';
import { addDays, daysBetween, partitionDay, rollupVersion, sqlDate } from '../rollup/index.js';
import { type DayRange } from './report-range.js';
import { reportSql, unionAll } from './report-sql.js';

/**
 * Which of a range's days a report answers how, as the server of its transaction sees them:
 * rolled up (every rollup it reads 'done' in the ledger), or to compute from raw events. The
 * statements are `sql/reports/runner/`.
 */
export interface RangeDays {
  /** Rolled-up days, and the provisional days of `tailDays` (their aggregates so far). */
  storedDays: string[];
  liveDays: string[];
  /** Days before the range, not stored, with raw events (see ReportScope.historyDays). */
  historyDays: string[];
  /** Provisional days answered from their aggregates plus their raw tail (see `tailDaysOf`). */
  tailDays: TailDay[];
}

/** A provisional day: its aggregates count the events up to `coversUntil`; the rest is raw. */
export interface TailDay {
  day: string;
  coversUntil: Date;
  /** The report transaction's time: its raw tail is read up to it. */
  rawUntil: Date;
}

const EVENT_PARTITIONS = reportSql('runner/event-partitions');
const FIRST_DAY = reportSql('runner/first-day');
const STORED_DAYS = reportSql('runner/stored-days', {
  params: { from: '$1', to: '$2', rollups: '$3', rollup_count: '$4' },
});
const PROVISIONAL_DAYS = reportSql('runner/provisional-days', {
  params: { from: '$1', to: '$2', rollups: '$3', versions: '$4', rollup_count: '$5' },
});
const DEFAULT_PARTITION_DAYS = reportSql('runner/default-partition-days', {
  params: { from: '$1', until: '$2' },
});

/** The runner's statements as they run (the day probes: two days'), for the rendered snapshot. */
export const RUNNER_SQL = {
  'jit off': reportSql('runner/jit-off'),
  'stored days': STORED_DAYS,
  'provisional days': PROVISIONAL_DAYS,
  'first day': FIRST_DAY,
  'event partitions': EVENT_PARTITIONS,
  'default partition days': DEFAULT_PARTITION_DAYS,
  'day probes': unionAll(['2026-01-14', '2026-01-15'].map(dayHasEvents)),
};

export async function rangeDays(
  client: pg.PoolClient,
  range: DayRange,
  rollups: string[],
  today: string,
  withHistory: boolean,
): Promise<RangeDays> {
  const done = await storedDaysOf(client, range, rollups);
  const provisional = await tailDaysOf(client, range, rollups);
  const unstored = await liveDaysOf(
    client,
    range,
    today,
    new Set([...done, ...provisional.map((t) => t.day)]),
  );
  // A provisional day's history rows (prev_day, chains, first times) were looked up in the days
  // stored when it was refreshed: it is live when a day before it in the range is. A provisional
  // day before a final one (never left so by the refresh, which finalises yesterday first) only
  // saw its own aggregates up to W in the later day's history: live too.
  const lastDone = done[done.length - 1];
  const firstLive = unstored[0];
  const kept = (t: TailDay) =>
    (lastDone === undefined || t.day > lastDone) && (firstLive === undefined || t.day < firstLive);
  const tailDays = provisional.filter(kept);
  const storedDays = [...done, ...tailDays.map((t) => t.day)].sort();
  const liveDays = [...unstored, ...provisional.filter((t) => !kept(t)).map((t) => t.day)].sort();
  const historyDays = withHistory ? await historyDaysOf(client, range, rollups) : [];
  return { storedDays, liveDays, historyDays, tailDays };
}

/**
 * The range's provisional days whose every rollup the report reads is provisional, of this code's
 * version, up to one W. Any other provisional day (a rollup missing, another version: a deploy
 * since the last refresh) stays a live day.
 */
async function tailDaysOf(client: pg.PoolClient, range: DayRange, rollups: string[]): Promise<TailDay[]> {
  const { rows } = await client.query<{ day: string; covers_until: Date; raw_until: Date }>(
    PROVISIONAL_DAYS,
    [range.from, range.to, rollups, rollups.map(rollupVersion), rollups.length],
  );
  return rows.map((r) => ({ day: r.day, coversUntil: r.covers_until, rawUntil: r.raw_until }));
}

async function storedDaysOf(client: pg.PoolClient, range: DayRange, rollups: string[]): Promise<string[]> {
  const { rows } = await client.query<{ day: string }>(STORED_DAYS, [
    range.from,
    range.to,
    rollups,
    rollups.length,
  ]);
  return rows.map((r) => r.day);
}

/** Days before the range, not stored, that have raw events. */
async function historyDaysOf(client: pg.PoolClient, range: DayRange, rollups: string[]): Promise<string[]> {
  const { rows } = await client.query<{ first: string | null }>(FIRST_DAY);
  const partitions = await partitionDays(client);
  const first = [firstRow(rows, 'the first stored day').first, partitions[0]]
    .filter((d): d is string => !!d && d < range.from)
    .sort()[0];
  if (!first) return [];
  const before = { from: first, to: addDays(range.from, -1) };
  const stored = new Set(await storedDaysOf(client, before, rollups));
  const candidates = await liveDaysOf(client, before, before.to, stored);
  if (!candidates.length) return [];
  // Empty partitions (made ahead, never rolled up) have no first times: one probe each.
  const { rows: withEvents } = await client.query<{ day: string }>(unionAll(candidates.map(dayHasEvents)));
  return withEvents.map((r) => r.day).sort();
}

/** A probe: the day has raw events (its text is the row). */
function dayHasEvents(day: string): string {
  return reportSql('runner/day-has-events', { values: { day_text: `'${day}'`, day: sqlDate(day) } });
}

async function partitionDays(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(EVENT_PARTITIONS);
  return rows
    .map((p) => partitionDay(p.name))
    .filter((d): d is string => d !== undefined)
    .sort();
}

/** Days of the range up to today, not stored, that have raw events (a partition, or rows in the default one). */
async function liveDaysOf(
  client: pg.PoolClient,
  range: DayRange,
  today: string,
  stored: Set<string>,
): Promise<string[]> {
  const last = range.to < today ? range.to : today;
  if (range.from > last) return [];
  const partitions = await partitionDays(client);
  const { rows: stray } = await client.query<{ day: string }>(DEFAULT_PARTITION_DAYS, [
    range.from,
    addDays(last, 1),
  ]);
  const withEvents = new Set([...partitions, ...stray.map((s) => s.day)]);
  return daysBetween(range.from, last).filter((d) => !stored.has(d) && withEvents.has(d));
}
