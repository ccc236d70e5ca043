import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  databaseRoutines,
  definitions,
  dropRoutines,
  type DatabaseRoutine,
} from './utils/database-routines.js';
import { createTestDatabase, type TestDatabase } from './utils/test-database.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MIGRATIONS = `${ROOT}src/migrations`;

/**
 * The canonical definitions: every trigger, trigger function, SQL function and aggregate the
 * migrations install has its text in a `sql/functions/` or `sql/triggers/` folder of the module
 * (or infra) that owns the rule, each file on its own (it runs alone on a database without them).
 */
const CANONICAL_FILES = (readdirSync(`${ROOT}src`, { recursive: true }) as string[])
  .map((path) => path.split('\\').join('/'))
  .filter((path) => /(^|\/)sql\/(functions|triggers)\/[^/]+\.sql$/.test(path))
  .sort();

const migrationNames = readdirSync(MIGRATIONS)
  .filter((file) => /^Migration\d+.*\.ts$/.test(file))
  .map((file) => file.replace(/\.ts$/, ''));

/** What one canonical file defines, run alone where none of the app's routines exist. */
interface FileDefinitions {
  file: string;
  routines: Map<string, DatabaseRoutine>;
}

/**
 * Migrations are frozen copies of the SQL they ran; the canonical files are what the module code is
 * read against. This keeps them equal: in the migrated database, inside a transaction rolled back
 * at the end, it drops every app-owned trigger and routine and runs each canonical file on its own;
 * together they must recreate exactly what the migrations had, definition for definition (function
 * bodies byte for byte). So an edit of a file without a migration installing it fails here, as does
 * a migration changing or adding a trigger or function without its canonical file.
 */
describe('canonical SQL files: the triggers and functions the migrations install, one file per rule', () => {
  let db: TestDatabase;
  let client: pg.Client;
  let migrated: Map<string, DatabaseRoutine>;
  let byFile: FileDefinitions[];

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    migrated = await databaseRoutines(client);
    byFile = [];
    await client.query('BEGIN');
    try {
      await dropRoutines(client, migrated.values());
      for (const file of CANONICAL_FILES) {
        await client.query('SAVEPOINT canonical_file');
        try {
          await client.query(readFileSync(`${ROOT}src/${file}`, 'utf8'));
        } catch (error) {
          throw new Error(`src/${file} does not run on its own: ${(error as Error).message}`, {
            cause: error,
          });
        }
        byFile.push({ file, routines: await databaseRoutines(client) });
        await client.query('ROLLBACK TO SAVEPOINT canonical_file');
      }
    } finally {
      await client.query('ROLLBACK');
    }
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('finds the files, and the migrated database has the rules they define', () => {
    expect(CANONICAL_FILES.length).toBeGreaterThanOrEqual(7);
    expect([...migrated.keys()]).toEqual(
      expect.arrayContaining([
        'function user_course_progress_refresh(text[])',
        'trigger user_course_progress_insert on user_progress',
        'aggregate analytics_funnel_chain(smallint[])',
      ]),
    );
  });

  it('recreate exactly the migrated triggers and routines, with the same definitions', () => {
    const canonical = new Map(byFile.flatMap(({ routines }) => [...routines]));
    expect(definitions(canonical)).toEqual(definitions(migrated));
  });

  it('each define something, and no two define the same object', () => {
    for (const { file, routines } of byFile) expect([file, routines.size > 0]).toEqual([file, true]);
    const keys = byFile.flatMap(({ routines }) => [...routines.keys()]);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it.each(CANONICAL_FILES)(
    '%s opens with a comment naming migrations that install what it defines',
    (file) => {
      const text = readFileSync(`${ROOT}src/${file}`, 'utf8');
      expect(text.startsWith('-- ')).toBe(true);
      const header = text.slice(0, text.search(/^(?!--)/m));
      const named = [...new Set(header.match(/Migration\d{14}_\w+/g) ?? [])];
      expect(named.length).toBeGreaterThan(0);
      expect(named.filter((name) => !migrationNames.includes(name))).toEqual([]);
      const objects = [...(byFile.find((f) => f.file === file)?.routines.values() ?? [])].map((r) => r.name);
      const installed = named
        .map((name) => readFileSync(`${MIGRATIONS}/${name}.ts`, 'utf8'))
        .join('\n')
        .toLowerCase();
      const notInstalled = objects.filter(
        (name) => !new RegExp(`create (or replace )?(function|aggregate|trigger) ${name}\\b`).test(installed),
      );
      expect(notInstalled).toEqual([]);
    },
  );
});
