import { MikroORM } from '@mikro-orm/postgresql';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { loadConfig } from '../infra/config/app-config.js';
import { openDatabase } from '../infra/database/database-runtime.js';
import { buildOrmOptions } from '../app/orm.config.js';
import { runCli, UsageError } from './run-cli.js';

const USAGE = `usage: migrations <up | down [--to NAME|0] | create [name] | pending | check>`;

/** Operator commands over the migrations in src/migrations (registered in src/migrations/index.ts). */
await runCli(async (args) => {
  const [command, ...rest] = args;
  const config = loadConfig();
  const db = await openDatabase(config.database);
  const orm = await MikroORM.init(buildOrmOptions({ url: db.url })).catch(async (error: unknown) => {
    await db.stop();
    throw error;
  });
  try {
    const migrator = orm.getMigrator();
    switch (command) {
      case 'up': {
        const done = await migrator.up();
        console.log(done.length ? `applied: ${done.map((m) => m.name).join(', ')}` : 'up to date');
        break;
      }
      case 'down': {
        const to = option(rest, '--to');
        const done = await migrator.down(to === undefined ? undefined : { to: to === '0' ? 0 : to });
        console.log(done.length ? `reverted: ${done.map((m) => m.name).join(', ')}` : 'nothing to revert');
        break;
      }
      case 'pending':
        console.log((await migrator.getPendingMigrations()).map((m) => m.name).join('\n') || 'none');
        break;
      case 'check': {
        const sql = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
        console.log(sql.trim() ? `entities and schema differ:\n${sql}` : 'entities and schema agree');
        if (sql.trim()) process.exitCode = 1;
        break;
      }
      case 'create': {
        const result = await migrator.createMigration(undefined, false, false, rest[0]);
        if (!result.diff.up.length) {
          console.log('no changes: entities and migrations agree');
          break;
        }
        await registerMigration(join(orm.config.get('migrations').path ?? '', result.fileName));
        console.log(`created ${result.fileName}; review it before committing`);
        break;
      }
      default:
        throw new UsageError(USAGE);
    }
  } finally {
    await orm.close();
    await db.stop();
  }
});

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Appends the new migration to the explicit list in src/migrations/index.ts. */
async function registerMigration(file: string): Promise<void> {
  const className = basename(file).replace(/\.ts$/, '');
  const indexPath = join(file, '..', 'index.ts');
  const index = await readFile(indexPath, 'utf8');
  const lastImport = index.lastIndexOf('\nimport ');
  const insertAt = index.indexOf('\n', lastImport + 1) + 1;
  const importLine = `import { ${className} } from './${className}.js';\n`;
  const withImport = index.slice(0, insertAt) + importLine + index.slice(insertAt);
  const withEntry = withImport.replace(/\];\s*$/, `  { name: '${className}', class: ${className} },\n];\n`);
  await writeFile(indexPath, withEntry);
}
