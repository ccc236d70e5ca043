/** UTC calendar days as 'YYYY-MM-DD' strings: the unit of partitions, rollups and retention. */
const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const utcDay = (at: Date | number): string => new Date(at).toISOString().slice(0, 10);

export const dayStart = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

export const addDays = (day: string, n: number): string => utcDay(dayStart(day).getTime() + n * DAY_MS);

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

export function isUtcDay(value: string): boolean {
  return DAY_PATTERN.test(value) && utcDay(dayStart(value)) === value;
}

/** A validated day as a SQL date literal (days are checked, so they can be inlined). */
export function sqlDate(day: string): string {
  if (!isUtcDay(day)) throw new Error(`not a day: ${day}`);
  return `'${day}'::date`;
}

export function sqlDates(days: string[]): string {
  for (const day of days) if (!isUtcDay(day)) throw new Error(`not a day: ${day}`);
  return `'{${days.join(',')}}'::date[]`;
}

/** Name of the partition that holds a day's events. */
export const partitionName = (day: string): string => `analytics_events_p${day.replaceAll('-', '')}`;

/** The day a partition holds, or undefined for a name that is not a day partition. */
export function partitionDay(name: string): string | undefined {
  const match = /^analytics_events_p(\d{4})(\d{2})(\d{2})$/.exec(name);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}
