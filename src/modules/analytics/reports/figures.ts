/** Small arithmetic shared by the reports. */

export function median(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid];
  if (upper === undefined) return null; // no values
  const lower = sorted[mid - 1];
  return sorted.length % 2 || lower === undefined ? upper : (lower + upper) / 2;
}

export const mean = (values: number[]): number | null =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;

export const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

export const roundOrNull = (n: number | null, digits = 2): number | null =>
  n === null ? null : round(n, digits);

/** How many times each key occurs. */
export function countBy(keys: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}
