// Shared helpers of the benchmarks: they run on the built app (`npm run build` first; the npm
// scripts do it), start their own embedded PostgreSQL unless DATABASE_URL is set, and print the
// machine so figures from different runs can be compared.
import { MikroORM } from '@mikro-orm/postgresql';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { buildOrmOptions } from '../dist/infra/database/orm.config.js';
import { startEmbeddedPostgres } from '../dist/infra/database/embedded-postgres.js';

export function printMachine(title) {
  const cpus = os.cpus();
  console.log(`\n=== ${title} ===`);
  console.log(
    `machine: ${cpus[0]?.model ?? 'unknown cpu'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
      `${os.platform()} ${os.release()}, node ${process.version}`,
  );
}

/** A PostgreSQL for this run: DATABASE_URL, or an embedded server in a temp dir on a free port. */
export async function startDatabase() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const dir = await mkdtemp(join(os.tmpdir(), 'cp-bench-pg-'));
  await chmod(dir, 0o755);
  const port = await freePort();
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port, database: 'bench' });
  return {
    url: pg.url,
    stop: async () => {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function migrate(url) {
  const orm = await MikroORM.init(buildOrmOptions({ url, poolMax: 2 }));
  await orm.getMigrator().up();
  return orm;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function verdict(label, ok) {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
  return ok;
}
