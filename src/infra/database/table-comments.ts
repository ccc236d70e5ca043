import type { EntityMetadata, MetadataStorage } from '@mikro-orm/core';

/** Per table (its PostgreSQL name): what a row is, and what each column (by column name) holds. */
export type TableComments = Record<string, TableComment>;

export interface TableComment {
  table: string;
  columns: Record<string, string>;
  /**
   * Machinery of the reports (chains, gaps, history lookups): not granted to the read-only role
   * (`npm run db:create-readonly-role`), whose users read `reporting` views instead.
   */
  internal?: true;
  /** Columns the read-only role may not read (secrets). */
  secretColumns?: string[];
}

/**
 * MikroORM's `discovery.afterDiscovered` hook (column names are known by then) that puts the
 * modules' table and column comments on the entities' metadata, so the schema the ORM expects has them: a migration that does not write
 * them, or a comment that changes without a migration, shows as a schema difference. Fails at
 * start on a comment for a column no entity has (a rename left behind).
 */
export function applyTableComments(comments: TableComments): (storage: MetadataStorage) => void {
  return (storage) => {
    const tables = new Set(Object.keys(comments));
    for (const meta of Object.values(storage.getAll())) {
      if (meta.tableName) tables.delete(meta.tableName);
      commentEntity(meta, comments);
    }
    if (tables.size > 0) throw new Error(`comments for tables no entity has: ${[...tables].join(', ')}`);
  };
}

function commentEntity(meta: EntityMetadata, comments: TableComments): void {
  {
    const table = meta.tableName ? comments[meta.tableName] : undefined;
    if (!table) return;
    meta.comment = table.table;
    const described = new Set<string>();
    for (const prop of Object.values(meta.properties)) {
      for (const column of prop.fieldNames ?? []) {
        const comment = table.columns[column];
        if (comment === undefined) continue;
        prop.comment = comment;
        described.add(column);
      }
    }
    const unknown = Object.keys(table.columns).filter((column) => !described.has(column));
    if (unknown.length > 0)
      throw new Error(`comments for unknown columns of ${meta.tableName}: ${unknown.join(', ')}`);
  }
}
