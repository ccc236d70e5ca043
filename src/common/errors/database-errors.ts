import { ConnectionException, DriverException } from '@mikro-orm/core';

/**
 * What a log line may say about a database error. Messages cannot be logged as they are: MikroORM
 * (through Knex) prefixes PostgreSQL's message with the statement, its parameters inlined, and
 * PostgreSQL's own message and `detail` quote values (`Key (email)=(ann@example.com) already
 * exists`, `invalid input syntax for type integer: "…"`). Codes and names are safe; the statement is
 * kept with every literal replaced by `?`.
 */
export interface DatabaseErrorSummary {
  name: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  statement?: string;
}

type PgFields = Partial<Record<'code' | 'constraint' | 'table' | 'column' | 'severity' | 'routine', unknown>>;

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** A MikroORM driver exception, or an error straight from `pg` (it carries a SQLSTATE and a severity). */
export function isDatabaseError(error: unknown): error is Error & PgFields {
  if (error instanceof DriverException) return true;
  if (!(error instanceof Error)) return false;
  const { code, severity } = error as PgFields;
  return typeof code === 'string' && SQLSTATE.test(code) && typeof severity === 'string';
}

export function summarizeDatabaseError(error: Error & PgFields): DatabaseErrorSummary {
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const summary: DatabaseErrorSummary = { name: error.name };
  const fields = {
    code: text(error.code),
    constraint: text(error.constraint),
    table: text(error.table),
    column: text(error.column),
    statement: statementOf(error.message),
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value) summary[key as keyof typeof fields] = value;
  }
  return summary;
}

/** One line for a log, without values: the summary for database errors, the message otherwise. */
export function describeErrorForLog(error: unknown): string {
  if (isDatabaseError(error)) {
    const s = summarizeDatabaseError(error);
    const where = [s.code, s.constraint && `constraint ${s.constraint}`, s.table && `table ${s.table}`]
      .filter(Boolean)
      .join(', ');
    return `${s.name}${where ? ` (${where})` : ''}${s.statement ? `: ${s.statement}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Knex writes `<statement with values inlined> - <PostgreSQL message>`; the PostgreSQL part is
 * dropped (its quoted words may be values), the statement is kept with its literals replaced.
 */
function statementOf(message: string): string | undefined {
  const cut = message.lastIndexOf(' - ');
  if (cut <= 0) return undefined;
  return redactSqlLiterals(message.slice(0, cut)).slice(0, 2000);
}

/** Quoted identifiers stay; string literals (also E'…' and dollar-quoted) and numbers become `?`. */
const SQL_TOKENS =
  /("(?:[^"]|"")*")|([Ee]?'(?:[^'\\]|''|\\.)*'?)|(\$([A-Za-z_]\w*)?\$[\s\S]*?\$\4\$)|(\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)/g;

export function redactSqlLiterals(sql: string): string {
  return sql.replace(SQL_TOKENS, (token, identifier: string | undefined) => identifier ?? '?');
}

/**
 * The database cannot be reached or dropped the connection: an outage (answered 503 with
 * `Retry-After`), not a bug in the request. Looks through `cause` and `AggregateError` members, as
 * connection errors come wrapped.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  if (error instanceof ConnectionException) return true;
  const { code, message, name, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  if (typeof code === 'string' && code.startsWith('08')) return true; // SQLSTATE class 08: connection
  if (name === 'KnexTimeoutError') return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  '57P01', // admin_shutdown (backend terminated)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
  '3D000', // database does not exist (renamed, dropped)
]);

const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection is closed|Client has encountered a connection error|timeout exceeded when trying to connect|Timeout acquiring a connection|not currently accepting connections|the database system is (starting up|shutting down)/i;
