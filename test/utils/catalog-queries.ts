import type pg from 'pg';

/** Columns of a table as PostgreSQL reports them, in order. */
export async function tableColumns(client: pg.Client, table: string) {
  const { rows } = await client.query<{
    column_name: string;
    data_type: string;
    is_nullable: 'YES' | 'NO';
    column_default: string | null;
  }>(
    `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => [r.column_name, r.data_type, r.is_nullable === 'YES', r.column_default]);
}

/** Every foreign key as [table, column, referenced table, delete rule]. */
export async function foreignKeys(client: pg.Client) {
  const { rows } = await client.query<{ tbl: string; col: string; ref: string; rule: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col, c.confrelid::regclass::text AS ref,
            c.confdeltype AS rule
     FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
     WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
  );
  return rows.map((r) => [r.tbl, r.col, r.ref, r.rule === 'c' ? 'CASCADE' : r.rule]);
}

/** Column lists of every index on a table, unique ones flagged. */
export async function indexes(client: pg.Client, table: string) {
  const { rows } = await client.query<{ cols: string[]; is_unique: boolean }>(
    `SELECT array_agg(a.attname::text ORDER BY k.ord) AS cols, i.indisunique AS is_unique
     FROM pg_index i
     CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
     WHERE i.indrelid = $1::regclass
     GROUP BY i.indexrelid, i.indisunique`,
    [table],
  );
  return rows;
}
