import { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../infra/config/app-config.js';
import { openDatabase } from '../infra/database/database-runtime.js';
import { TABLE_COMMENTS } from '../app/entities.js';
import { buildOrmOptions } from '../app/orm.config.js';
import { openClient } from '../infra/database/pools.js';
import { grantReadOnlyRole, RoleNameError, roleUrl } from '../infra/database/readonly-role.js';
import { runCli, UsageError } from './run-cli.js';

const USAGE = 'usage: npm run db:create-readonly-role -- --name NAME [--password PASSWORD]';

/**
 * A read-only login for Metabase and other BI tools (docs: Metabase). Prints the connection URL,
 * with the password (generated unless given): store it in the tool's settings.
 */
await runCli(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: { name: { type: 'string' }, password: { type: 'string' } },
  });
  if (!values.name) throw new UsageError(USAGE);
  const password = values.password ?? randomBytes(18).toString('base64url');
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    // The reporting views come with the migrations: a fresh database gets them first.
    const orm = await MikroORM.init(buildOrmOptions({ url: db.url, poolMax: 1 }));
    await orm
      .getMigrator()
      .up()
      .finally(() => orm.close());
    const client = openClient('cli', db.url, (error) => console.error(error.message));
    await client.connect();
    try {
      await grantReadOnlyRole(client, values.name, password, TABLE_COMMENTS);
    } catch (error) {
      if (error instanceof RoleNameError) throw new UsageError(error.message);
      throw error;
    } finally {
      await client.end();
    }
    console.log(
      `Read-only role "${values.name}" is ready (SELECT on the spec's tables, the daily aggregates and the reporting views).`,
    );
    console.log(`Connection URL: ${roleUrl(db.url, values.name, password)}`);
  } finally {
    await db.stop();
  }
});
