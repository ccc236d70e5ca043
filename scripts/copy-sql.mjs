#!/usr/bin/env node
// Copies the `.sql` files of src/ into the build output (tsc copies only what it compiles): the
// analytics statements (src/modules/analytics/sql/, read when the module loads) run from dist/ as
// they do from src/ in the tests. Usage: node scripts/copy-sql.mjs [outDir] (default dist).
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'src');
const outDir = resolve(process.argv[2] ?? join(root, 'dist'));

const files = (await readdir(sourceDir, { recursive: true })).filter((f) => f.endsWith('.sql')).sort();
for (const file of files) {
  const target = join(outDir, file);
  await mkdir(dirname(target), { recursive: true });
  await copyFile(join(sourceDir, file), target);
}
console.log(`copied ${files.length} .sql files to ${outDir}`);
