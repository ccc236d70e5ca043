import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../infra/config/app-config.js';
import { openDatabase } from '../infra/database/database-runtime.js';
import { buildOrmOptions } from '../app/orm.config.js';
import { AnalyticsRollupService, isUtcDay, type Exclusive } from '../modules/analytics/index.js';
import { runCli } from './run-cli.js';

const USAGE = `usage: analytics <rollup --from YYYY-MM-DD --to YYYY-MM-DD | rollup --today [--until <ISO time>] | rebuild | prune [--dry-run] | status>`;

/**
 * Operator commands for the analytics pipeline (`npm run analytics:rollup|rebuild|prune|status`): the same
 * service methods the daily job runs, under the same advisory lock.
 */
await runCli(async (args) => {
  const [command, ...rest] = args;
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    const orm = await MikroORM.init(buildOrmOptions({ url: db.url, poolMax: 2 }));
    try {
      const service = new AnalyticsRollupService(orm, config);
      switch (command) {
        case 'rollup': {
          if (rest.includes('--today')) {
            const until = option(rest, '--until');
            const at = until === undefined ? undefined : new Date(until);
            if (at && Number.isNaN(at.getTime())) throw new Error(`--until ${until}: not a time. ${USAGE}`);
            const { finalised, refreshed } = locked(await service.refreshToday(at && { until: at }));
            for (const r of finalised) console.log(`${r.day}: rolled up to its end (final), ${r.ms} ms`);
            if (!refreshed) console.log('Today is already final: nothing to refresh.');
            else {
              console.log(`${refreshed.day}: provisional up to ${refreshed.coversUntil.toISOString()}`);
              console.table([
                {
                  day: refreshed.day,
                  sourceEvents: refreshed.sourceEvents,
                  ms: refreshed.ms,
                  ...refreshed.rows,
                },
              ]);
            }
            break;
          }
          const from = option(rest, '--from');
          const to = option(rest, '--to') ?? from;
          if (!from || !to || !isUtcDay(from) || !isUtcDay(to) || from > to) throw new Error(USAGE);
          const outcome = locked(await service.rollupRange(from, to));
          console.table(
            outcome.map((r) => ({ day: r.day, sourceEvents: r.sourceEvents, ms: r.ms, ...r.rows })),
          );
          break;
        }
        case 'rebuild': {
          const { rebuilt, failed } = locked(await service.rebuildPending());
          console.table(rebuilt.map((r) => ({ day: r.day, ms: r.ms, ...r.rows })));
          if (failed.length) {
            console.table(failed);
            throw new Error(`${failed.length} day(s) could not be rebuilt`);
          }
          if (!rebuilt.length) console.log('Nothing pending: every aggregate of every day is built.');
          break;
        }
        case 'prune': {
          const report = locked(await service.prune({ dryRun: rest.includes('--dry-run') }));
          console.log(JSON.stringify(report, null, 2));
          break;
        }
        case 'status': {
          const { ledger, partitions, ...rest } = await service.status();
          console.log('Rollup ledger (per day):');
          console.table(ledger);
          console.log('Partitions of analytics_events:');
          console.table(partitions);
          console.log(JSON.stringify(rest, null, 2));
          break;
        }
        default:
          throw new Error(USAGE);
      }
    } finally {
      await orm.close();
    }
  } finally {
    await db.stop();
  }
});

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function locked<T>(outcome: Exclusive<T>): T {
  if (!outcome.ran)
    throw new Error('another process holds the analytics lock (the daily job?): try again later');
  return outcome.result;
}
