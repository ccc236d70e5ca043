import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';

/**
 * Every PostgreSQL connection an instance opens, in one place: who opens it, how many at most, and
 * why it is not the ORM's pool. Each connection carries its name as `application_name`
 * (`course-platform:<name>`), so `pg_stat_activity` shows which pool holds what; a name set in the
 * connection string's query wins over ours.
 *
 * The budget is what an instance may hold at its busiest; size PostgreSQL's `max_connections`
 * (minus its reserved ones) against the sum over all instances — docs/operations.md "Connections".
 */
export type ConnectionName =
  | 'orm'
  | 'ingestion'
  | 'reports'
  /** The replica's (DATABASE_REPLICA_URL): reports whose days are all rolled up there. */
  | 'reports-replica'
  /** The replica's: the ORM's read connections (learning reports, the back office's analytics lists). */
  | 'orm-replica'
  | 'admin-sessions'
  | 'session-changes'
  | 'job-lock'
  | 'rollup'
  | 'backup'
  /** A command-line tool's own connection: no instance's budget. */
  | 'cli';

/** The server a pool connects to: the database (DATABASE_URL or embedded) or its read replica. */
export type DatabaseServer = 'primary' | 'replica';

export interface ConnectionBudget {
  name: ConnectionName;
  max: number;
  why: string;
  /** Counted against this server's `max_connections`; 'primary' unless said. */
  server?: DatabaseServer;
}

/** Back-office sessions (connect-pg-simple): one read and one write per request, at most. */
export const ADMIN_SESSIONS_POOL_MAX = 3;
/** Scheduled jobs that may run at the same time, each holding its advisory lock on a connection. */
const CONCURRENT_JOBS = ['analytics rollup', 'auth purge', 'report delivery'] as const;
/** The rollup's own connections besides its lock: the writer and the reader of earlier days. */
const ROLLUP_CLIENTS = 2;

/** Reports get half the ORM pool (at least 2), so long reports cannot starve the API's requests. */
export function reportsPoolMax(config: AppConfig): number {
  return Math.max(2, Math.ceil(config.database.poolMax / 2));
}

/** The scheduled backup runs on this instance: jobs on, DB_BACKUP_CRON set (embedded database only). */
export function runsScheduledBackups(config: AppConfig): boolean {
  return config.jobsEnabled && Boolean(config.backup.cron) && !config.database.url;
}

export function connectionBudget(config: AppConfig): ConnectionBudget[] {
  const jobs = config.jobsEnabled;
  const backups = runsScheduledBackups(config);
  // The intraday refresh's lock connection: the nightly run holds its own while it waits for a refresh.
  const intraday = config.analytics.intradayMinutes > 0 ? ['analytics intraday refresh'] : [];
  const jobNames = [...CONCURRENT_JOBS, ...intraday, ...(backups ? ['database backup'] : [])];
  // Staff can run a rollup and read its status from the back office on any instance.
  const backOffice = config.admin.enabled;
  const budget: ConnectionBudget[] = [
    { name: 'orm', max: config.database.poolMax, why: 'API requests and the ORM (DATABASE_POOL_MAX)' },
    {
      name: 'ingestion',
      max: config.analytics.ingest.connections,
      why: 'group-committed event writes (ANALYTICS_INGEST_CONNECTIONS)',
    },
    {
      name: 'reports',
      max: reportsPoolMax(config),
      why: 'report transactions held for a whole report (half of DATABASE_POOL_MAX)',
    },
    {
      name: 'session-changes',
      max: 1,
      why: 'LISTEN for ended login sessions, to drop cached ones at once on every instance',
    },
    {
      name: 'job-lock',
      max: jobs ? jobNames.length : backOffice ? 1 : 0,
      why: `one advisory lock per running job (${jobNames.join(', ')}); with JOBS_ENABLED=false, 1 for a rollup started in the back office`,
    },
    {
      name: 'rollup',
      max: jobs || backOffice ? ROLLUP_CLIENTS : 0,
      why: 'a rollup’s writer and its reader of earlier days (the nightly job, or the back office’s rollup page)',
    },
    {
      name: 'backup',
      max: backups ? 1 : 0,
      why: 'the session that holds pg_backup_start() open while the scheduled backup copies the data directory (DB_BACKUP_CRON)',
    },
  ];
  if (config.admin.enabled) {
    budget.push({
      name: 'admin-sessions',
      max: ADMIN_SESSIONS_POOL_MAX,
      why: 'back-office sessions (connect-pg-simple); 0 when ADMIN_ENABLED=false',
    });
  }
  if (config.database.replicaUrl) {
    budget.push(
      {
        name: 'reports-replica',
        max: reportsPoolMax(config),
        why: 'report transactions on the replica, for reports with every day rolled up there (the primary’s reports pool takes those with a day still to compute from raw events)',
        server: 'replica',
      },
      {
        name: 'orm-replica',
        max: reportsPoolMax(config),
        why: 'the ORM’s reads that ask for the replica: learning reports (enrolments, completions, drop-off, watch time, registrations) and the back office’s analytics list pages',
        server: 'replica',
      },
    );
  }
  return budget;
}

/** What an instance may hold on one server (the primary unless said). */
export function totalConnections(config: AppConfig, server: DatabaseServer = 'primary'): number {
  return connectionBudget(config)
    .filter((pool) => (pool.server ?? 'primary') === server)
    .reduce((sum, pool) => sum + pool.max, 0);
}

export function applicationName(name: ConnectionName): string {
  return `course-platform:${name}`;
}

/**
 * A pool of raw `pg` connections with its name. The 'error' listener is not optional: an idle
 * connection that breaks (failover, pg_terminate_backend) emits it, and unheard it crashes the process.
 */
export function openPool(
  name: ConnectionName,
  url: string,
  max: number,
  onIdleError: (error: Error) => void,
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    application_name: applicationName(name),
    max,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', onIdleError);
  pools.set(pool, name);
  return pool;
}

/** The raw pools this process has open, for the metrics (`db_pool_connections`). */
const pools = new Map<pg.Pool, ConnectionName>();

export function livePools(): Array<[pg.Pool, ConnectionName]> {
  for (const pool of pools.keys()) if (pool.ended) pools.delete(pool);
  return [...pools];
}

/** One dedicated connection (a lock holder, a listener, a rollup reader), not yet connected. */
export function openClient(name: ConnectionName, url: string, onError: (error: Error) => void): pg.Client {
  const client = new pg.Client({ connectionString: url, application_name: applicationName(name) });
  client.on('error', onError);
  return client;
}
