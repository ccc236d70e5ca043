import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const PREFIX = 'course-platform-';
const SUFFIX = '.tar.gz';
const BACKUP_NAME = /^course-platform-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.tar\.gz$/;

/** `course-platform-2026-12-07T05-50-00-123Z.tar.gz`: names sort as the times they were taken. */
export function backupFileName(at: Date): string {
  return `${PREFIX}${at.toISOString().replace(/[:.]/g, '-')}${SUFFIX}`;
}

/** The complete backups in `dir`, oldest first (a `.partial` being written is not one). */
export async function listBackups(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return names.filter((name) => BACKUP_NAME.test(name)).sort();
}

/** Deletes all but the newest `keep` backups; other files in the directory are left alone. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const backups = await listBackups(dir);
  const doomed = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of doomed) await rm(join(dir, name), { force: true });
  return doomed;
}
