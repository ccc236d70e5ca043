/** Ids are CUID-like, made by the application (see ids.ts); any string is accepted so existing data can be imported. */
export { newId } from './ids.js';

// Column options are functions, not shared constants: MikroORM writes into the options object it is
// given (fieldName, …), so one object reused by two properties would make them collide.

/** PostgreSQL `timestamptz`, always UTC. */
export const timestamptz = (extra: { nullable?: boolean } = {}) =>
  ({ type: 'datetime', columnType: 'timestamptz', ...extra }) as const;

/** `created_at`-style columns: set by the database when the row is inserted. */
export const createdAtColumn = () => ({ ...timestamptz(), defaultRaw: 'now()' }) as const;

/**
 * `updated_at`: set on insert, refreshed by the ORM on update and, for raw SQL writes, by the
 * trigger of `src/infra/database/sql/triggers/set-updated-at.sql` (on the tables it lists: a new
 * table needs its own).
 */
export const updatedAtColumn = () =>
  ({ ...timestamptz(), defaultRaw: 'now()', onUpdate: () => new Date() }) as const;

/**
 * Raw SQL results carry timestamps as strings (MikroORM leaves the driver's value alone); entity
 * queries give Dates. Normalises the former.
 */
export function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value);
}
