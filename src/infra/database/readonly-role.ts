import type pg from 'pg';
import type { TableComments } from './table-comments.js';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export class RoleNameError extends Error {}

/**
 * Creates (or brings up to date) a login role that reads what analysts need and nothing else:
 * SELECT on the described tables (the spec's and the daily aggregates; not the reports' internal
 * machinery, not secret columns) and on every `reporting` view, no privilege on tokens, codes,
 * sessions, keys, rate limits, audit, the dedup table or the day partitions (which BI tools would
 * otherwise list by the hundred), and read-only transactions by default. Run again after
 * migrations that add tables: grants are listed explicitly, never "all tables".
 */
export async function grantReadOnlyRole(
  client: pg.ClientBase,
  name: string,
  password: string,
  comments: TableComments,
): Promise<void> {
  if (!ROLE_NAME.test(name))
    throw new RoleNameError(`invalid role name "${name}": lower-case letters, digits, _`);
  const role = `"${name}"`;
  await client.query('BEGIN');
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
    const literal = (await client.query<{ q: string }>('SELECT quote_literal($1) AS q', [password])).rows[0]
      ?.q;
    await client.query(
      `${rowCount ? 'ALTER' : 'CREATE'} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${literal}`,
    );
    // Start from nothing, so a table taken out of the list loses its grant on the next run.
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
    await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`);
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA reporting FROM ${role}`);
    const { rows } = await client.query<{ db: string }>('SELECT quote_ident(current_database()) AS db');
    await client.query(`GRANT CONNECT ON DATABASE ${rows[0]?.db} TO ${role}`);
    await client.query(`GRANT USAGE ON SCHEMA public, reporting TO ${role}`);
    for (const [table, comment] of Object.entries(comments)) {
      if (comment.internal) continue;
      const secret = new Set(comment.secretColumns ?? []);
      const columns = Object.keys(comment.columns).filter((column) => !secret.has(column));
      const what = secret.size ? `SELECT (${columns.map((c) => `"${c}"`).join(', ')})` : 'SELECT';
      await client.query(`GRANT ${what} ON public."${table}" TO ${role}`);
    }
    await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO ${role}`);
    await client.query(`ALTER ROLE ${role} SET default_transaction_read_only = on`);
    await client.query(`ALTER ROLE ${role} SET search_path = reporting, public`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** The database URL with the role's credentials instead of the owner's. */
export function roleUrl(databaseUrl: string, name: string, password: string): string {
  const url = new URL(databaseUrl);
  url.username = name;
  url.password = password;
  return url.toString();
}
