import { MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import { openPool, reportsPoolMax, type DatabaseServer } from '../../../infra/database/pools.js';

/**
 * The reports' connections. Reports are plain SQL with `$n` parameters over the aggregates, and one
 * that includes days not rolled up yet runs the rollup statements themselves (rollup-sql.ts) into
 * temporary tables inside its own transaction: that needs a connection held for the whole report,
 * like the rollup service's own. A small pool of its own keeps long reports from starving the API.
 *
 * With DATABASE_REPLICA_URL, a second pool of the same size on the replica: ReportRunner sends a
 * report there when the replica has every day of it rolled up (a hot standby takes no temporary
 * tables), and to the primary otherwise.
 */
@Injectable()
export class ReportsDb implements OnModuleDestroy {
  private readonly logger = new Logger(ReportsDb.name);
  private readonly pools: Map<DatabaseServer, pg.Pool>;

  constructor(@Inject(MikroORM) orm: MikroORM, @Inject(APP_CONFIG) config: AppConfig) {
    const max = reportsPoolMax(config);
    this.pools = new Map([
      [
        'primary',
        openPool('reports', orm.config.get('clientUrl') ?? '', max, (error) =>
          this.logger.warn(`reports connection lost: ${error.message}`),
        ),
      ],
    ]);
    const replicaUrl = config.database.replicaUrl;
    if (replicaUrl) {
      this.pools.set(
        'replica',
        openPool('reports-replica', replicaUrl, max, (error) =>
          this.logger.warn(`reports connection to the replica lost: ${error.message}`),
        ),
      );
    }
  }

  /** DATABASE_REPLICA_URL is set. */
  get hasReplica(): boolean {
    return this.pools.has('replica');
  }

  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.pool('primary').query<R>(sql, params)).rows;
  }

  /**
   * One connection in one transaction (rolled back: reports never write anything lasting), on the
   * primary or the replica. On the replica it is READ ONLY, as a hot standby requires anyway.
   */
  async readTransaction<T>(
    work: (client: pg.PoolClient) => Promise<T>,
    server: DatabaseServer = 'primary',
  ): Promise<T> {
    const client = await this.pool(server).connect();
    try {
      await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ${server === 'replica' ? ' READ ONLY' : ''}`);
      return await work(client);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  }

  private pool(server: DatabaseServer): pg.Pool {
    const pool = this.pools.get(server);
    if (!pool) throw new Error(`no ${server} reports pool (DATABASE_REPLICA_URL unset)`);
    return pool;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.end()));
  }
}
