import { MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import { openPool, reportsPoolMax } from '../../../infra/database/pools.js';

/**
 * The reports' connections. Reports are plain SQL with `$n` parameters over the aggregates, and one
 * that includes days not rolled up yet runs the rollup statements themselves (rollup-sql.ts) into
 * temporary tables inside its own transaction: that needs a connection held for the whole report,
 * like the rollup service's own. A small pool of its own keeps long reports from starving the API.
 */
@Injectable()
export class ReportsDb implements OnModuleDestroy {
  private readonly logger = new Logger(ReportsDb.name);
  private readonly pool: pg.Pool;

  constructor(@Inject(MikroORM) orm: MikroORM, @Inject(APP_CONFIG) config: AppConfig) {
    this.pool = openPool('reports', orm.config.get('clientUrl') ?? '', reportsPoolMax(config), (error) =>
      this.logger.warn(`reports connection lost: ${error.message}`),
    );
  }

  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, params)).rows;
  }

  /** One connection in one transaction (rolled back: reports never write anything lasting). */
  async readTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      return await work(client);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
