import { MikroORM } from '@mikro-orm/postgresql';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../infra/config/app-config.js';
import { openDatabase } from '../infra/database/database-runtime.js';
import { buildOrmOptions } from '../app/orm.config.js';
import { generatePassword, MIN_PASSWORD_LENGTH, upsertStaffAccount } from '../modules/users/index.js';
import { runCli, UsageError } from './run-cli.js';

const USAGE =
  'usage: npm run user:create-admin -- --email EMAIL [--name NAME] [--role admin|staff] [--generate]';

/**
 * Creates (or promotes) a back-office account with a password. On a terminal it asks for the
 * password (empty → generated); otherwise, or with --generate, it generates one. A generated
 * password is printed once and stored only as an argon2id hash.
 */
await runCli(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'admin' },
      generate: { type: 'boolean', default: false },
    },
  });
  if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) throw new UsageError(USAGE);
  if (values.role !== 'admin' && values.role !== 'staff') throw new UsageError(USAGE);
  const typed = values.generate || !process.stdin.isTTY ? '' : await askPassword();
  if (typed && typed.length < MIN_PASSWORD_LENGTH)
    throw new UsageError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  const password = typed || generatePassword();

  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    const orm = await MikroORM.init(buildOrmOptions({ url: db.url, poolMax: 2 }));
    try {
      await orm.getMigrator().up();
      const { user, created } = await upsertStaffAccount(orm.em.fork(), {
        email: values.email,
        password,
        role: values.role,
        name: values.name,
      });
      console.log(`${created ? 'Created' : 'Updated'} ${user.role} ${user.email} (id ${user.id}).`);
      if (!typed) console.log(`Password (shown once, store it now): ${password}`);
    } finally {
      await orm.close();
    }
  } finally {
    await db.stop();
  }
});

async function askPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Do not echo what is typed.
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write('Password (empty to generate one): ');
  output._writeToOutput = () => undefined;
  const answer = await rl.question('');
  rl.close();
  process.stdout.write('\n');
  return answer;
}
