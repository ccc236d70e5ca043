import { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { buildOrmOptions } from '../../src/app/orm.config.js';
import { databaseUrl, quoteIdent, withClient } from '../setup/test-postgres.js';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Serialises template migration and cloning across parallel test files. */
const TEMPLATE_LOCK = 7_240_001;
const MIGRATED = 'migrated';

/**
 * A database of this test file's own, cloned from the template (a file copy, much faster than
 * migrating). The first caller migrates the template, once per run, under an advisory lock.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = requiredEnv('TEST_PG_ADMIN_URL');
  const template = requiredEnv('TEST_PG_TEMPLATE_DB');
  const name = `cp_test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, async (c) => {
    await c.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const { rows } = await c.query<{ note: string | null }>(
        `SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1`,
        [template],
      );
      if (rows[0]?.note !== MIGRATED) {
        await migrate(databaseUrl(adminUrl, template));
        await c.query(`COMMENT ON DATABASE ${quoteIdent(template)} IS '${MIGRATED}'`);
      }
      await c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: async () => {
      await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    },
  };
}

async function migrate(url: string): Promise<void> {
  const orm = await MikroORM.init(buildOrmOptions({ url, poolMax: 1 }));
  try {
    await orm.getMigrator().up();
  } finally {
    await orm.close();
  }
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest (its global setup)`);
  return value;
}
