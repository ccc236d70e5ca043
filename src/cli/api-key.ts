import { MikroORM } from '@mikro-orm/postgresql';
import { parseArgs } from 'node:util';
import { DomainError } from '../common/errors/domain-error.js';
import { AuditService } from '../infra/audit/index.js';
import { loadConfig } from '../infra/config/app-config.js';
import { openDatabase } from '../infra/database/database-runtime.js';
import { buildOrmOptions } from '../app/orm.config.js';
import { RateLimitService } from '../infra/rate-limit/rate-limit.service.js';
import { ApiKeysService } from '../modules/users/index.js';
import { runCli, UsageError } from './run-cli.js';

const USAGE = [
  'usage: npm run api-key:create -- --name NAME --scope reports:read [--scope …] [--expires-days N]',
  '       npm run api-key:revoke -- --id ID',
  '       npm run api-key:list',
].join('\n');

/**
 * API keys from the command line (operators; the back office does the same for admins). A new key
 * is printed once, on a line starting with `API key:`; only its hash is stored. Audited with no
 * actor (the command line).
 */
await runCli(async ([command, ...argv]) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      name: { type: 'string' },
      scope: { type: 'string', multiple: true },
      'expires-days': { type: 'string' },
      id: { type: 'string' },
    },
  });
  if (!['create', 'revoke', 'list'].includes(command ?? '')) throw new UsageError(USAGE);
  if (command === 'create' && (!values.name || !values.scope?.length)) throw new UsageError(USAGE);
  if (command === 'revoke' && !values.id) throw new UsageError(USAGE);
  const expiresInDays = values['expires-days'] === undefined ? undefined : Number(values['expires-days']);

  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    const orm = await MikroORM.init(buildOrmOptions({ url: db.url, poolMax: 2 }));
    try {
      await orm.getMigrator().up();
      const em = orm.em.fork();
      const keys = new ApiKeysService(em, new RateLimitService(em), new AuditService(em), config);
      if (command === 'create') {
        const made = await keys.create({ name: values.name!, scopes: values.scope!, expiresInDays }, null);
        console.log(`Created API key ${made.id} (${values.name}, ${values.scope!.join(', ')}).`);
        console.log(`API key: ${made.key}`);
        console.log('(shown once: store it in the job’s secrets now; it cannot be shown again)');
      } else if (command === 'revoke') {
        await keys.revoke(values.id!, null);
        console.log(`Revoked API key ${values.id}.`);
      } else {
        for (const k of await keys.list()) console.log(JSON.stringify(k));
      }
    } catch (error) {
      if (error instanceof DomainError) throw new UsageError(error.message);
      throw error;
    } finally {
      await orm.close();
    }
  } finally {
    await db.stop();
  }
});
