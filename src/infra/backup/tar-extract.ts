import { createReadStream } from 'node:fs';
import { chmod, mkdir, open, utimes, type FileHandle } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { createGunzip } from 'node:zlib';
import { BLOCK, decodeHeader, type TarHeader } from './tar-format.js';

/**
 * Unpacks a gzip'ed tar into `targetDir`, streaming (a data directory may be far larger than
 * memory). Names that would land outside the target are refused. Returns the names unpacked.
 */
export async function extractTarGz(archive: string, targetDir: string): Promise<Set<string>> {
  const names = new Set<string>();
  const directories: TarHeader[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let current: { header: TarHeader; file: FileHandle; left: number; padded: number } | undefined;
  let ended = false;

  for await (const chunk of createReadStream(archive).pipe(createGunzip())) {
    pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    while (!ended) {
      if (current) {
        const take = Math.min(current.left, pending.length);
        if (take > 0) await current.file.write(pending.subarray(0, take));
        pending = pending.subarray(take);
        current.left -= take;
        if (current.left > 0) break;
        if (pending.length < current.padded) break;
        pending = pending.subarray(current.padded);
        await current.file.close();
        await utimes(join(targetDir, current.header.name), current.header.mtime, current.header.mtime);
        current = undefined;
      }
      if (pending.length < BLOCK) break;
      const header = decodeHeader(pending.subarray(0, BLOCK));
      pending = pending.subarray(BLOCK);
      if (!header) {
        ended = true;
        break;
      }
      const path = safePath(targetDir, header.name);
      names.add(header.name);
      if (header.type === 'directory') {
        await mkdir(path, { recursive: true, mode: 0o700 });
        directories.push(header);
        continue;
      }
      const file = await open(path, 'w', header.mode & 0o7777);
      current = { header, file, left: header.size, padded: (BLOCK - (header.size % BLOCK)) % BLOCK };
    }
  }
  if (current) {
    await current.file.close();
    throw new Error(`archive ends in the middle of ${current.header.name}: is it complete?`);
  }
  if (!ended) throw new Error('archive has no end marker: is it complete?');
  // Modes last: a read-only directory would refuse the files unpacked into it.
  for (const dir of directories) await chmod(join(targetDir, dir.name), dir.mode & 0o7777);
  return names;
}

function safePath(targetDir: string, name: string): string {
  const relative = normalize(name);
  if (!name || isAbsolute(name) || relative === '..' || relative.startsWith(`..${sep}`)) {
    throw new Error(`archive entry outside the target directory: ${name}`);
  }
  return join(targetDir, relative);
}
