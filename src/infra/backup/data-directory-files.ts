import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stats } from 'node:fs';

/**
 * What of a data directory goes into a base backup, after the PostgreSQL manual ("Making a Base
 * Backup Using the Low Level API") and what pg_basebackup leaves out: the server's lock and
 * options files, a running server's temporary state, replication slots, and the WAL (the backup
 * adds the segments it needs itself, once the backup has stopped).
 */
const SKIPPED_FILES = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'postgresql.auto.conf.tmp',
  'current_logfiles',
  'current_logfiles.tmp',
  // The backup writes its own, from pg_backup_stop().
  'backup_label',
  'tablespace_map',
  'backup_label.old',
  'tablespace_map.old',
]);

/**
 * Kept as empty directories: PostgreSQL expects them, and rebuilds what was in them. pg_wal keeps
 * its subdirectories (archive_status, summaries); the others lose theirs too (a directory in
 * pg_replslot is a slot, and a slot without its state file stops recovery).
 */
const EMPTIED_DIRECTORIES = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);

export interface DataDirectoryEntry {
  /** Relative to the data directory, with `/` separators. */
  name: string;
  stats: Stats;
}

/**
 * Directories before what they hold; files that vanish while the walk runs (a dropped table, a
 * finished sort) are left out, as WAL replay recreates or removes them anyway. `global/pg_control`
 * comes last, as pg_basebackup sends it.
 */
export async function* dataDirectoryEntries(dataDir: string): AsyncGenerator<DataDirectoryEntry> {
  let control: DataDirectoryEntry | undefined;
  for await (const entry of walk(dataDir, '', false)) {
    if (entry.name === 'global/pg_control') control = entry;
    else yield entry;
  }
  if (!control) throw new Error(`${dataDir} has no global/pg_control: not a PostgreSQL data directory`);
  yield control;
}

async function* walk(root: string, dir: string, emptied: boolean): AsyncGenerator<DataDirectoryEntry> {
  const names = await readdir(join(root, dir)).catch(ignoreVanished);
  for (const child of (names ?? []).sort()) {
    const name = dir ? `${dir}/${child}` : child;
    if (!dir && SKIPPED_FILES.has(child)) continue;
    if (child.startsWith('pgsql_tmp') || child.startsWith('pg_internal.init')) continue;
    const stats = await lstat(join(root, name)).catch(ignoreVanished);
    if (!stats) continue;
    if (stats.isDirectory()) {
      if (emptied && !name.startsWith('pg_wal/')) continue;
      yield { name, stats };
      yield* walk(root, name, emptied || (!dir && EMPTIED_DIRECTORIES.has(child)));
    } else if (stats.isFile()) {
      if (!emptied) yield { name, stats };
    } else if (stats.isSymbolicLink()) {
      throw new Error(
        `${name} is a symbolic link (a tablespace or WAL outside the data directory): not supported by this backup`,
      );
    }
  }
}

function ignoreVanished(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}
