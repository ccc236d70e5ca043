import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { resolve } from 'node:path';
import { EnvironmentVariables } from './env.schema.js';

export type NodeEnv = 'development' | 'production' | 'test';

export interface DatabaseConfig {
  /** Set: use this PostgreSQL. Unset: the app starts its own embedded PostgreSQL. */
  url?: string;
  poolMax: number;
  embedded: { dataDir: string; port: number };
  migrateOnStart: boolean;
  seedOnEmpty: boolean;
}

export interface HttpConfig {
  host: string;
  port: number;
  corsOrigins: string[];
  bodyLimit: string;
  trustProxy: string | false;
  shutdownTimeoutMs: number;
}

export interface AnalyticsConfig {
  /** Raw events are kept this many days (whole day partitions are dropped after). */
  retentionDays: number;
  rollupCron: string;
  /** Closed days rolled up again on every run, so late events are counted. */
  rerollDays: number;
  /** Day partitions created ahead of today. */
  partitionDaysAhead: number;
  ingest: {
    /** Most events sent to PostgreSQL in one statement (several requests share it). */
    batchRows: number;
    /** Connections writing batches in parallel. */
    connections: number;
    /** Events waiting for a write before new requests get 503 (bounds memory). */
    maxQueuedEvents: number;
  };
}

export interface AppConfig {
  env: NodeEnv;
  http: HttpConfig;
  database: DatabaseConfig;
  log: { level: string; pretty: boolean };
  /** Scheduled jobs run on this instance (switch off on instances that only serve HTTP). */
  jobsEnabled: boolean;
  analytics: AnalyticsConfig;
}

/** Thrown at boot; the message names every variable that is wrong. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Token under which the validated config is provided to Nest. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, { ...source });
  const errors = validateSync(vars, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  const env = vars.NODE_ENV ?? 'development';
  return {
    env,
    http: {
      host: vars.HOST ?? '0.0.0.0',
      port: vars.PORT ?? 3000,
      corsOrigins: splitList(vars.CORS_ORIGINS ?? 'http://localhost:3000,http://localhost:5173'),
      bodyLimit: vars.BODY_LIMIT ?? '1mb',
      trustProxy: parseTrustProxy(vars.TRUST_PROXY),
      shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS ?? 10_000,
    },
    database: {
      url: vars.DATABASE_URL,
      poolMax: vars.DATABASE_POOL_MAX ?? 10,
      embedded: {
        dataDir: resolve(vars.EMBEDDED_PG_DATA_DIR ?? '.data/postgres'),
        port: vars.EMBEDDED_PG_PORT ?? 54329,
      },
      migrateOnStart: vars.MIGRATE_ON_START ?? true,
      seedOnEmpty: vars.SEED_ON_EMPTY ?? env !== 'production',
    },
    log: {
      level: vars.LOG_LEVEL ?? (env === 'test' ? 'warn' : 'info'),
      pretty: vars.LOG_PRETTY ?? env === 'development',
    },
    jobsEnabled: vars.JOBS_ENABLED ?? env !== 'test',
    analytics: {
      retentionDays: vars.ANALYTICS_RETENTION_DAYS ?? 90,
      rollupCron: vars.ANALYTICS_ROLLUP_CRON ?? '15 0 * * *',
      rerollDays: vars.ANALYTICS_REROLL_DAYS ?? 3,
      partitionDaysAhead: vars.ANALYTICS_PARTITION_DAYS_AHEAD ?? 7,
      ingest: {
        batchRows: vars.ANALYTICS_INGEST_BATCH_ROWS ?? 5000,
        connections: vars.ANALYTICS_INGEST_CONNECTIONS ?? 2,
        maxQueuedEvents: vars.ANALYTICS_INGEST_MAX_QUEUE ?? 100_000,
      },
    },
  };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Express `trust proxy`: unset/false → off, a number → hop count, anything else passed through. */
function parseTrustProxy(value: string | undefined): string | false {
  if (!value || value === 'false') return false;
  return value;
}
