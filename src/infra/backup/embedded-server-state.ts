import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface RunningServer {
  pid: number;
  port: number;
}

/**
 * The server running on a data directory, from its `postmaster.pid` (pid on the first line, port
 * on the fourth). A file left by a crash names a process that is gone: not running.
 */
export async function runningServer(dataDir: string): Promise<RunningServer | undefined> {
  const text = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user (the `postgres` user when we run as root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return { pid, port };
}
