import { addDays, utcDay } from '../rollup/index.js';

/** The ranges a subscription can ask for, relative to the moment it is delivered (UTC days). */
export const RELATIVE_RANGES = [
  'yesterday',
  'last_7_days',
  'last_30_days',
  'last_full_week',
  'last_full_month',
  'month_to_date',
] as const;
export type RelativeRange = (typeof RELATIVE_RANGES)[number];

/**
 * `last_7_days` and `last_30_days` end yesterday (closed days only: the figures do not move once
 * sent); weeks are ISO weeks (Monday to Sunday); `month_to_date` includes today.
 */
export function resolveRange(range: RelativeRange, at: Date): { from: string; to: string } {
  const today = utcDay(at);
  const yesterday = addDays(today, -1);
  switch (range) {
    case 'yesterday':
      return { from: yesterday, to: yesterday };
    case 'last_7_days':
      return { from: addDays(today, -7), to: yesterday };
    case 'last_30_days':
      return { from: addDays(today, -30), to: yesterday };
    case 'last_full_week': {
      const weekday = (at.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
      const monday = addDays(today, -weekday - 7);
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'last_full_month': {
      const firstOfThisMonth = `${today.slice(0, 7)}-01`;
      const last = addDays(firstOfThisMonth, -1);
      return { from: `${last.slice(0, 7)}-01`, to: last };
    }
    case 'month_to_date':
      return { from: `${today.slice(0, 7)}-01`, to: today };
  }
}
