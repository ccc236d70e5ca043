/**
 * The little of the POSIX ustar format a base backup needs: regular files and directories, with
 * their modes, relative names up to 255 bytes. `tar -xzf` reads the archives too.
 */
export const BLOCK = 512;

export type TarEntryType = 'file' | 'directory';

export interface TarHeader {
  name: string;
  type: TarEntryType;
  mode: number;
  size: number;
  mtime: Date;
}

export function encodeHeader(header: TarHeader): Buffer {
  const block = Buffer.alloc(BLOCK);
  const name = header.type === 'directory' ? `${header.name}/` : header.name;
  const [prefix, base] = splitName(name);
  block.write(base, 0, 100, 'utf8');
  writeOctal(block, header.mode & 0o7777, 100, 8);
  writeOctal(block, 0, 108, 8);
  writeOctal(block, 0, 116, 8);
  writeOctal(block, header.type === 'file' ? header.size : 0, 124, 12);
  writeOctal(block, Math.floor(header.mtime.getTime() / 1000), 136, 12);
  block.write(header.type === 'file' ? '0' : '5', 156, 1, 'ascii');
  block.write('ustar\u000000', 257, 8, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  // The checksum is computed with its own field read as spaces.
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return block;
}

/** undefined for an all-zero block (the end of the archive). */
export function decodeHeader(block: Buffer): TarHeader | undefined {
  if (block.every((byte) => byte === 0)) return undefined;
  const stored = readOctal(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  if (sum !== stored) throw new Error('not a tar archive (bad header checksum)');
  const base = readString(block, 0, 100);
  const prefix = readString(block, 345, 155);
  const flag = String.fromCharCode(block[156] ?? 0);
  const type = flag === '5' ? 'directory' : flag === '0' || flag === '\u0000' ? 'file' : undefined;
  if (!type) throw new Error(`unsupported tar entry type "${flag}" for ${prefix}/${base}`);
  const name = (prefix ? `${prefix}/${base}` : base).replace(/\/+$/, '');
  return {
    name,
    type,
    mode: readOctal(block, 100, 8),
    size: type === 'file' ? readOctal(block, 124, 12) : 0,
    mtime: new Date(readOctal(block, 136, 12) * 1000),
  };
}

/** Zeros that bring `size` bytes of content up to a whole block. */
export function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** Two zero blocks end an archive. */
export const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);

function splitName(name: string): [string, string] {
  if (Buffer.byteLength(name) <= 100) return ['', name];
  // The prefix must end at a slash; the rest goes in the 100-byte name field.
  for (let i = name.lastIndexOf('/'); i > 0; i = name.lastIndexOf('/', i - 1)) {
    const prefix = name.slice(0, i);
    const base = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(base) <= 100) return [prefix, base];
  }
  throw new Error(`path too long for a tar header: ${name}`);
}

function writeOctal(block: Buffer, value: number, offset: number, length: number): void {
  const text = value.toString(8).padStart(length - 1, '0');
  if (text.length > length - 1) throw new Error(`value ${value} does not fit a tar header field`);
  block.write(`${text}\u0000`, offset, length, 'ascii');
}

function readOctal(block: Buffer, offset: number, length: number): number {
  const text = readString(block, offset, length).trim();
  return text ? parseInt(text, 8) : 0;
}

function readString(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? length : end).toString('utf8');
}
