/**
 * A BRIN index on `day` for the history aggregates whose rows are written a day at a time: it
 * serves the reads and deletes of a day's rows at almost no cost per insert, and (unlike a B-tree on
 * `day`) it cannot be scanned backwards in day order, so a lookup of a row's previous day can only
 * use the table's key (see the history rollups in rollup/derived-rollup-sql.ts).
 */
export const dayBrinIndex = (table: string) => ({
  name: `${table}_day_brin`,
  expression: `create index "${table}_day_brin" on "${table}" using brin ("day")`,
});
