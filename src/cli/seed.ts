import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../infra/config/app-config.js';
import { openDatabase } from '../infra/database/database-runtime.js';
import { buildOrmOptions } from '../app/orm.config.js';
import { DatabaseSeeder } from '../seeders/database.seeder.js';
import { runCli } from './run-cli.js';

/** `npm run seed`: applies pending migrations, then loads the demo data (idempotent). */
await runCli(async () => {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    const orm = await MikroORM.init(buildOrmOptions({ url: db.url }));
    try {
      await orm.getMigrator().up();
      const started = Date.now();
      await orm.getSeeder().seed(DatabaseSeeder);
      console.log(`demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      await orm.close();
    }
  } finally {
    await db.stop();
  }
});
