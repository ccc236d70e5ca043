import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { buildOrmOptions } from '../src/app/orm.config.js';
import { EVENT_ACTIONS, EVENT_TYPES, FUNNEL_ACTIONS } from '../src/modules/analytics/analytics.constants.js';
import { DatabaseSeeder } from '../src/seeders/database.seeder.js';
import {
  normalise,
  readSpecData,
  roundFigures,
  specFigures,
  type Row,
} from './fixtures/spec-query-figures.js';
import { SPEC_QUERIES } from './fixtures/spec-queries.js';
import { SPEC_TABLES } from './fixtures/spec-schema.js';
import { createTestDatabase, type TestDatabase } from './utils/test-database.js';
import { defined } from '../src/common/assert/defined.js';

describe("the spec's SQL, verbatim, on the migrated schema with demo data", () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    const orm = await MikroORM.init(buildOrmOptions({ url: db.url, poolMax: 4 }));
    try {
      await orm.getSeeder().seed(DatabaseSeeder);
    } finally {
      await orm.close();
    }
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('creates one demo admin with a password, once', async () => {
    const { rows } = await client.query(
      `SELECT email, role, password_hash LIKE '$argon2id$%' AS hashed FROM users WHERE role <> 'student'`,
    );
    expect(rows).toEqual([{ email: 'admin@example.com', role: 'admin', hashed: true }]);
  });

  it('fills all 8 tables', async () => {
    for (const table of Object.keys(SPEC_TABLES)) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, filled: rows[0].n > 0 }).toEqual({ table, filled: true });
    }
  });

  it('covers every event type and action of the spec, and the funnel steps', async () => {
    const types = (await client.query(`SELECT DISTINCT event_type FROM analytics_events`)).rows.map(
      (r) => r.event_type,
    );
    const actions = (await client.query(`SELECT DISTINCT event_action FROM analytics_events`)).rows.map(
      (r) => r.event_action,
    );
    expect(types).toEqual(expect.arrayContaining([...EVENT_TYPES]));
    expect(actions).toEqual(expect.arrayContaining([...EVENT_ACTIONS, ...FUNNEL_ACTIONS]));
    const old = await client.query(
      `SELECT count(*)::int AS n FROM analytics_events WHERE timestamp < now() - interval '90 days'`,
    );
    expect(old.rows[0].n).toBeGreaterThan(0);
  });

  it.each(SPEC_QUERIES.map((q) => [q.name, q] as const))(
    'runs %s and returns the columns it names',
    async (_name, query) => {
      const result = await client.query(query.sql);
      expect(result.fields.map((f) => f.name)).toEqual(query.columns);
      expect(result.rowCount).toBeGreaterThan(0);
    },
  );

  /**
   * How each query orders its rows: `exact` (a defined order), `by` a column descending with ties
   * in any order, `limit` of them (any of the tied rows at the cut may be the ones shown), or no
   * order at all (none given).
   */
  const ORDER: Record<string, { exact?: true; by?: string; limit?: number }> = {
    '1. Active users in last 7 days': { exact: true },
    '2. Completion rate by course': {},
    '3. UTM campaign performance': { by: 'unique_users' },
    '4. Average completion rate per user': { by: 'classes_completed' },
    '5. Most viewed classes': { by: 'unique_viewers', limit: 10 },
    '6. Login funnel (7 steps)': { exact: true },
    'Metabase 1. Daily active users': { exact: true },
    'Metabase 2. Top traffic sources': { by: 'sessions', limit: 10 },
    'Metabase 3. Course completion funnel': { exact: true },
  };
  const canonical = (r: Row) => JSON.stringify(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));

  /** Every query's answer next to the figures, from one transaction: NOW() is the now() the figures use. */
  async function answersAndFigures(): Promise<Record<string, { actual: Row[]; expected: Row[] }>> {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    try {
      const figures = specFigures(await readSpecData(client));
      const out: Record<string, { actual: Row[]; expected: Row[] }> = {};
      for (const q of SPEC_QUERIES) {
        const result = await client.query(q.sql);
        out[q.name] = {
          actual: result.rows.map((r) => normalise(r, result.fields)),
          expected: defined(figures[q.name], `the figures of ${q.name}`).map(roundFigures),
        };
      }
      return out;
    } finally {
      await client.query('COMMIT');
    }
  }
  let answers: Awaited<ReturnType<typeof answersAndFigures>> | undefined;

  it.each(SPEC_QUERIES.map((q) => [q.name] as const))(
    'answers %s with the figures worked out in JavaScript from the rows',
    async (name) => {
      answers ??= await answersAndFigures();
      const { actual, expected } = defined(answers[name], `the answer to ${name}`);
      const rule = defined(ORDER[name], `the order rule of ${name}`);
      // Not a vacuous match: some figure of the answer is not zero.
      expect(expected.some((r) => Object.values(r).some((v) => typeof v === 'number' && v > 0))).toBe(true);
      if (rule.exact) return expect(actual).toEqual(expected);
      if (rule.by) {
        const keys = actual.map((r) => Number(r[rule.by!]));
        expect(keys).toEqual([...keys].sort((a, b) => b - a));
      }
      if (!rule.limit) return expect(actual.map(canonical).sort()).toEqual(expected.map(canonical).sort());
      const top = expected.map((r) => Number(r[rule.by!])).sort((a, b) => b - a);
      expect(actual.map((r) => Number(r[rule.by!]))).toEqual(top.slice(0, rule.limit));
      const pool = expected.map(canonical);
      for (const row of actual) {
        const at = pool.indexOf(canonical(row));
        expect({ row, oneOfTheExpected: at >= 0 }).toEqual({ row, oneOfTheExpected: true });
        pool.splice(at, 1);
      }
    },
  );

  it('gives the funnel 7 steps that never grow and the completion funnel 3 stages', async () => {
    const funnel = await client.query(SPEC_QUERIES.find((q) => q.name.startsWith('6.'))!.sql);
    expect(funnel.rows.map((r) => r.funnel_step)).toHaveLength(7);
    const users = funnel.rows.map((r) => Number(r.users));
    expect(users[0]).toBeGreaterThan(0);
    expect(users).toEqual([...users].sort((a, b) => b - a));
    const stages = await client.query(SPEC_QUERIES.find((q) => q.name.startsWith('Metabase 3.'))!.sql);
    expect(stages.rows.map((r) => r.stage)).toEqual([
      'Enrolled',
      'Started First Class',
      'Completed First Class',
    ]);
  });

  it('is idempotent: seeding again adds no rows', async () => {
    const counts = async () =>
      Promise.all(
        Object.keys(SPEC_TABLES).map(
          async (t) => (await client.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n,
        ),
      );
    const before = await counts();
    const orm = await MikroORM.init(buildOrmOptions({ url: db.url, poolMax: 4 }));
    try {
      await orm.getSeeder().seed(DatabaseSeeder);
    } finally {
      await orm.close();
    }
    expect(await counts()).toEqual(before);
  }, 120_000);
});
