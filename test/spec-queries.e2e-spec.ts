import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { buildOrmOptions } from '../src/infra/database/orm.config.js';
import { EVENT_ACTIONS, EVENT_TYPES, FUNNEL_ACTIONS } from '../src/modules/analytics/analytics.constants.js';
import { DatabaseSeeder } from '../src/seeders/database.seeder.js';
import { SPEC_QUERIES } from './fixtures/spec-queries.js';
import { SPEC_TABLES } from './fixtures/spec-schema.js';
import { createTestDatabase, type TestDatabase } from './utils/test-database.js';

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

  it('gives the funnel 7 steps that never grow and the completion funnel 3 stages', async () => {
    const funnel = await client.query(SPEC_QUERIES.find((q) => q.name.startsWith('6.'))!.sql);
    expect(funnel.rows.map((r) => r.funnel_step)).toHaveLength(7);
    const users = funnel.rows.map((r) => Number(r.users));
    expect(users[0]).toBeGreaterThan(0);
    users.slice(1).forEach((n, i) => expect(n).toBeLessThanOrEqual(users[i]));
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
