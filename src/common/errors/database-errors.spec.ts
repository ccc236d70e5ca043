import { describe, expect, it } from '@jest/globals';
import { ConnectionException } from '@mikro-orm/core';
import { isDatabaseUnavailable, redactSqlLiterals } from './database-errors.js';

describe('redactSqlLiterals', () => {
  it('replaces strings, numbers and dollar-quoted text, keeping identifiers', () => {
    expect(
      redactSqlLiterals(
        `insert into "users" ("email", "name", "t1") values ('ann@example.com', 'O''Brien', 42), (E'x\\'y', $$Ann$$, 1.5e3)`,
      ),
    ).toBe(`insert into "users" ("email", "name", "t1") values (?, ?, ?), (?, ?, ?)`);
  });
});

describe('isDatabaseUnavailable', () => {
  it('recognises refused, terminated and timed-out connections, wrapped or not', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused], ''))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { name: 'KnexTimeoutError' }))).toBe(true);
    expect(isDatabaseUnavailable(new ConnectionException(new Error('x')))).toBe(true);
    expect(
      isDatabaseUnavailable(
        new Error('wrapped', { cause: Object.assign(new Error('y'), { code: '57P01' }) }),
      ),
    ).toBe(true);
  });

  it('leaves other database errors alone', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
  });
});
