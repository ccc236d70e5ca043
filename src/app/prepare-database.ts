import type { MikroORM } from '@mikro-orm/core';
import { Logger, type LoggerService } from '@nestjs/common';
import type { DatabaseConfig } from '../infra/config/app-config.js';
import { runAfterOthers } from '../infra/jobs/exclusive-job.js';
import { User } from '../modules/users/index.js';
import { DatabaseSeeder } from '../seeders/database.seeder.js';

/** Held while an instance migrates and seeds: replicas that start together take turns. */
const PREPARE_LOCK = 'database:prepare';

/**
 * Brings the schema up to date and, on an empty database, loads the demo data, so `npm start` on a
 * fresh machine serves something to look at. A database that has users is never re-seeded.
 * Several instances starting at once (`docker compose up --scale app=2`, a Deployment's replicas)
 * do this one after the other under an advisory lock: the first migrates and seeds, the others
 * then find nothing to do, and none serves before the schema is complete.
 */
export async function prepareDatabase(
  orm: MikroORM,
  config: Pick<DatabaseConfig, 'migrateOnStart' | 'seedOnEmpty'>,
  logger: LoggerService = new Logger('Database'),
): Promise<void> {
  if (!config.migrateOnStart && !config.seedOnEmpty) return;
  await runAfterOthers(orm, PREPARE_LOCK, () => migrateAndSeed(orm, config, logger));
}

async function migrateAndSeed(
  orm: MikroORM,
  config: Pick<DatabaseConfig, 'migrateOnStart' | 'seedOnEmpty'>,
  logger: LoggerService,
): Promise<void> {
  if (config.migrateOnStart) {
    const applied = await orm.getMigrator().up();
    if (applied.length) logger.log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  }
  if (!config.seedOnEmpty) return;
  const users = await orm.em.fork().count(User);
  if (users > 0) return;
  logger.log('Empty database: loading demo data (one-off, takes a few seconds)…');
  const started = Date.now();
  await orm.getSeeder().seed(DatabaseSeeder);
  logger.log(`Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
