import { createWriteStream } from 'node:fs';
import { open, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';
import type pg from 'pg';
import { firstRow } from '../../common/assert/defined.js';
import { dataDirectoryEntries } from './data-directory-files.js';
import { END_OF_ARCHIVE, encodeHeader, padding } from './tar-format.js';

export interface BaseBackupResult {
  file: string;
  bytes: number;
  startLsn: string;
  stopLsn: string;
  walSegments: number;
}

const READ_CHUNK = 1 << 20;

/**
 * A consistent online backup of the server `client` is connected to (a superuser session on the
 * same machine), into one gzip'ed tar: PostgreSQL's non-exclusive low-level backup API. Between
 * pg_backup_start() and pg_backup_stop() the data directory is copied while the server keeps
 * writing; files caught half-written are made whole by replaying the WAL from the backup's start to
 * its stop, whose segments the archive carries, with the `backup_label` that tells the restored
 * server where to start. A temporary replication slot holds that WAL until it is copied, whatever
 * the checkpoints do meanwhile. The archive appears under its name only once complete.
 */
export async function writeBaseBackup(
  client: pg.Client,
  dataDir: string,
  file: string,
  label: string,
): Promise<BaseBackupResult> {
  await assertSameDirectory(client, dataDir);
  const partial = `${file}.partial`;
  const lsns = { start: '', stop: '', walSegments: 0 };
  try {
    await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [
      `backup_${process.pid}_${Date.now()}`,
    ]);
    const started = await client.query<{ lsn: string }>(
      'SELECT pg_backup_start($1, fast => true)::text AS lsn',
      [label],
    );
    lsns.start = firstRow(started.rows, 'pg_backup_start').lsn;
    await pipeline(
      Readable.from(archiveContent(client, dataDir, lsns)),
      createGzip({ level: constants.Z_BEST_SPEED }),
      createWriteStream(partial, { mode: 0o600 }),
    );
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return {
    file,
    bytes: (await stat(file)).size,
    startLsn: lsns.start,
    stopLsn: lsns.stop,
    walSegments: lsns.walSegments,
  };
}

async function* archiveContent(
  client: pg.Client,
  dataDir: string,
  lsns: { stop: string; walSegments: number },
): AsyncGenerator<Buffer> {
  for await (const entry of dataDirectoryEntries(dataDir)) {
    if (entry.stats.isDirectory()) {
      yield encodeHeader({
        name: entry.name,
        type: 'directory',
        mode: entry.stats.mode,
        size: 0,
        mtime: entry.stats.mtime,
      });
    } else {
      yield* fileEntry(join(dataDir, entry.name), entry.name);
    }
  }
  // The session stays open until here: ending it would abort the backup.
  const stopped = await client.query<{ lsn: string; labelfile: string; spcmapfile: string }>(
    'SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(wait_for_archive => false)',
  );
  const { lsn, labelfile, spcmapfile } = firstRow(stopped.rows, 'pg_backup_stop');
  lsns.stop = lsn;
  yield* textEntry('backup_label', labelfile);
  if (spcmapfile) yield* textEntry('tablespace_map', spcmapfile);
  const segments = await walSegmentsBetween(client, labelfile, lsn);
  const present = new Set(await readdir(join(dataDir, 'pg_wal')));
  for (const segment of segments) {
    if (!present.has(segment)) throw new Error(`WAL segment ${segment} the backup needs is gone from pg_wal`);
    yield* fileEntry(join(dataDir, 'pg_wal', segment), `pg_wal/${segment}`);
  }
  for (const history of [...present].filter((name) => /^[0-9A-F]{8}\.history$/.test(name))) {
    yield* fileEntry(join(dataDir, 'pg_wal', history), `pg_wal/${history}`);
  }
  lsns.walSegments = segments.length;
  yield END_OF_ARCHIVE;
}

/**
 * The size is fixed when the header is written; a file that shrinks meanwhile is padded with
 * zeros and one that grows is cut there, as pg_basebackup does: WAL replay rewrites those pages.
 */
async function* fileEntry(path: string, name: string): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!handle) return;
  try {
    const stats = await handle.stat();
    yield encodeHeader({ name, type: 'file', mode: stats.mode, size: stats.size, mtime: stats.mtime });
    let left = stats.size;
    while (left > 0) {
      const buffer = Buffer.alloc(Math.min(READ_CHUNK, left));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, stats.size - left);
      if (bytesRead === 0) {
        yield Buffer.alloc(left);
        break;
      }
      yield buffer.subarray(0, bytesRead);
      left -= bytesRead;
    }
    yield padding(stats.size);
  } finally {
    await handle.close();
  }
}

function* textEntry(name: string, text: string): Generator<Buffer> {
  const content = Buffer.from(text, 'utf8');
  yield encodeHeader({ name, type: 'file', mode: 0o600, size: content.length, mtime: new Date() });
  yield content;
  yield padding(content.length);
}

/** The names of the WAL segments from the backup's start (in its label) to its stop, inclusive. */
async function walSegmentsBetween(client: pg.Client, labelfile: string, stopLsn: string): Promise<string[]> {
  const start = /^START WAL LOCATION: \S+ \(file ([0-9A-F]{24})\)$/m.exec(labelfile)?.[1];
  if (!start) throw new Error(`unexpected backup label:\n${labelfile}`);
  const { rows } = await client.query<{ stop: string; size: string }>(
    `SELECT pg_walfile_name($1::pg_lsn) AS stop, setting AS size FROM pg_settings WHERE name = 'wal_segment_size'`,
    [stopLsn],
  );
  const { stop, size } = firstRow(rows, 'pg_walfile_name');
  const perLogId = 2n ** 32n / BigInt(size);
  const segmentNumber = (name: string) =>
    BigInt(`0x${name.slice(8, 16)}`) * perLogId + BigInt(`0x${name.slice(16)}`);
  const timeline = stop.slice(0, 8);
  const names: string[] = [];
  for (let n = segmentNumber(start); n <= segmentNumber(stop); n++) {
    const hex = (value: bigint) => value.toString(16).toUpperCase().padStart(8, '0');
    names.push(`${timeline}${hex(n / perLogId)}${hex(n % perLogId)}`);
  }
  return names;
}

/** The server behind the URL must be the one whose directory is copied. */
async function assertSameDirectory(client: pg.Client, dataDir: string): Promise<void> {
  const { rows } = await client.query<{ dir: string }>('SELECT current_setting($1) AS dir', [
    'data_directory',
  ]);
  const served = firstRow(rows, 'data_directory').dir;
  if ((await realpath(served)) !== (await realpath(dataDir))) {
    throw new Error(`the server on this port serves ${served}, not ${dataDir}`);
  }
}
