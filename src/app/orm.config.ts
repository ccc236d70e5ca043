import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { SeedManager } from '@mikro-orm/seeder';
import { fileURLToPath } from 'node:url';
import { applicationName } from '../infra/database/pools.js';
import { MIGRATIONS } from '../migrations/index.js';
import { ENTITIES, TABLE_COMMENTS } from './entities.js';
import { applyTableComments } from '../infra/database/table-comments.js';

/** `src/migrations` in the source tree: where `migration:create` writes new files. */
const MIGRATIONS_SOURCE_DIR = fileURLToPath(new URL('../../src/migrations', import.meta.url));

export interface OrmConnection {
  url: string;
  poolMax?: number;
  debug?: boolean;
  /**
   * A read replica, used only where a query asks for it (`connectionType: 'read'`: the back
   * office's analytics lists). Everything else, reads included, stays on the primary.
   */
  replica?: { url: string; poolMax: number };
}

export function buildOrmOptions({ url, poolMax = 10, debug = false, replica }: OrmConnection): Options {
  return defineConfig({
    clientUrl: url,
    // MikroORM's default (preferReadReplicas: true) would send every em.find without a transaction
    // to the replica, and a caller could miss its own write (progress after a heartbeat).
    preferReadReplicas: false,
    replicas: replica
      ? [
          {
            name: 'replica',
            clientUrl: replica.url,
            // A replica that does not answer costs a read 5 s, then the primary answers (replica-fallback.ts).
            pool: { min: 0, max: replica.poolMax, acquireTimeoutMillis: 5_000 },
            driverOptions: { connection: { application_name: applicationName('orm-replica') } },
          },
        ]
      : [],
    entities: ENTITIES,
    discovery: { afterDiscovered: applyTableComments(TABLE_COMMENTS) },
    extensions: [Migrator, SeedManager],
    pool: { min: 0, max: poolMax },
    // Named like every other pool (pools.ts), so pg_stat_activity tells the ORM's connections apart.
    driverOptions: { connection: { application_name: applicationName('orm') } },
    forceUtcTimezone: true,
    // Every query must run in a request/job context; a stray global-context query is a bug.
    allowGlobalContext: false,
    debug,
    migrations: {
      migrationsList: MIGRATIONS,
      path: MIGRATIONS_SOURCE_DIR,
      pathTs: MIGRATIONS_SOURCE_DIR,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true, // callers log what was applied through their own logger
      emit: 'ts',
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
    seeder: { defaultSeeder: 'DatabaseSeeder' },
  });
}
