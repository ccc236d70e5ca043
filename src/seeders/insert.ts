import type { EntityClass, EntityProperty, QueryResult, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Rows per statement. 2,000 rows of the widest table (21 columns) is 42,000 values: one statement
 * is big enough that round trips do not dominate and small enough to stay cheap to parse.
 */
export const INSERT_CHUNK_SIZE = 2000;

/**
 * Multi-row `INSERT … ON CONFLICT DO NOTHING` in chunks; returns how many rows were really added.
 *
 * No conflict target on purpose: a row is skipped when it clashes with any unique constraint (the
 * id, a user's e-mail, a (user, course) enrolment, …), so a second run adds nothing and fails on
 * nothing. Nothing here runs entity lifecycle hooks, so callers validate enum values first.
 *
 * The statement is built from the entity metadata (table, column names, custom types such as JSON
 * and text[]) rather than with the query builder: the builder's per-row processing took more time
 * than PostgreSQL did, and this keeps a full seed to a few seconds. `em.execute` runs it in the
 * caller's transaction.
 */
export async function insertIgnoringConflicts<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  rows: readonly RequiredEntityData<T>[],
  chunkSize = INSERT_CHUNK_SIZE,
  /**
   * Only conflicts on the primary key are ignored: needed where the table has deferrable unique
   * constraints (catalog positions), which PostgreSQL refuses as arbiters of a bare ON CONFLICT.
   */
  onPrimaryKeyOnly = false,
): Promise<number> {
  const [sample] = rows;
  if (sample === undefined) return 0;
  const meta = em.getMetadata().get<T>(entity.name);
  const platform = em.getPlatform();
  const properties = Object.keys(sample).map((name) => {
    const property = meta.props.find((candidate) => candidate.name === name);
    const column = property?.fieldNames?.length === 1 ? property.fieldNames[0] : undefined;
    if (!property || column === undefined)
      throw new Error(`${entity.name}.${name}: not a single-column property`);
    return { property, column };
  });
  const columns = properties.map(({ column }) => platform.quoteIdentifier(column)).join(', ');
  const placeholders = `(${properties.map(() => '?').join(', ')})`;
  // JSON objects and string arrays need MikroORM's conversion; dates, numbers and ids pass as they are.
  const toDatabase = (property: EntityProperty<T>, value: unknown): unknown =>
    property.customType && value !== null
      ? property.customType.convertToDatabaseValue(value, platform)
      : value;

  const target = onPrimaryKeyOnly
    ? `(${meta.primaryKeys
        .flatMap((name) => meta.properties[name].fieldNames)
        .map((column) => platform.quoteIdentifier(column))
        .join(', ')})`
    : '';
  let inserted = 0;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const params: unknown[] = [];
    for (const row of chunk) {
      const values: Record<string, unknown> = row;
      for (const { property } of properties) params.push(toDatabase(property, values[property.name]));
    }
    const sql =
      `insert into ${platform.quoteIdentifier(meta.tableName)} (${columns}) values ` +
      `${chunk.map(() => placeholders).join(', ')} on conflict ${target} do nothing`;
    const result = await em.execute<QueryResult>(sql, params, 'run');
    inserted += result.affectedRows;
  }
  return inserted;
}
