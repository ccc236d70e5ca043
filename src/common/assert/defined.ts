/**
 * For values that exist unless the code (or the database) is wrong — the row an aggregate query
 * always returns, the entry a loop index points at — which `noUncheckedIndexedAccess` types
 * `T | undefined`. Throws an error naming what was missing rather than a `TypeError` further on.
 */
export function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Expected ${what}, found nothing`);
  return value;
}

/** The first row of a query that always returns one (`SELECT count(*)`, `INSERT … RETURNING`, `SELECT fn()`). */
export function firstRow<T>(rows: readonly T[], query: string): T {
  return defined(rows[0], `a row from ${query}`);
}
