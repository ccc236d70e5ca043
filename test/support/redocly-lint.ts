import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '../setup/test-postgres.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** One problem `redocly lint` reports, as its `--format=json` output has it. */
export interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer?: string }[];
}

/**
 * `redocly lint` of a document, as a person runs it (the CLI of the `@redocly/cli` devDependency,
 * the repository's redocly.yaml), with no telemetry and no update check.
 */
export async function redoclyLint(document: unknown): Promise<LintProblem[]> {
  const dir = await makeTempDir('cp-openapi-lint-');
  try {
    const file = join(dir.path, 'openapi.json');
    await writeFile(file, JSON.stringify(document, null, 2));
    const cli = join(
      dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')),
      'bin/cli.js',
    );
    const child = spawn(
      process.execPath,
      [cli, 'lint', '--config', join(ROOT, 'redocly.yaml'), '--format=json', file],
      {
        cwd: dir.path,
        env: {
          PATH: process.env.PATH,
          HOME: dir.path,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          NO_COLOR: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    const start = out.indexOf('{');
    if (start < 0) throw new Error(`redocly lint (exit ${code}) printed no JSON:\n${out}\n${err}`);
    const report = JSON.parse(out.slice(start)) as { problems?: LintProblem[] };
    if (!Array.isArray(report.problems))
      throw new Error(`redocly lint (exit ${code}): no problems list in\n${out}`);
    return report.problems;
  } finally {
    await dir.remove();
  }
}

/** `warn no-empty-servers #/servers: Servers must be a non-empty array.` */
export const describeProblem = (p: LintProblem) =>
  `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`;
