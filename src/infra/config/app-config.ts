import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvironmentVariables } from './env.schema.js';

export type NodeEnv = 'development' | 'production' | 'test';

export interface DatabaseConfig {
  /** Set: use this PostgreSQL. Unset: the app starts its own embedded PostgreSQL. */
  url?: string;
  /**
   * A streaming (hot-standby) replica of that database: reports and the back office's analytics
   * lists and dashboard read from it (docs/scaling.md "The read replica"). Unset: all on the primary.
   */
  replicaUrl?: string;
  poolMax: number;
  embedded: { dataDir: string; port: number };
  migrateOnStart: boolean;
  seedOnEmpty: boolean;
}

export interface BackupConfig {
  /** Where `npm run db:backup` and the daily job write their archives. */
  dir: string;
  /** Unset: no scheduled backups. Only with the embedded database (DATABASE_URL unset). */
  cron?: string;
  /** The scheduled job keeps this many newest archives in `dir` and deletes older ones. */
  keep: number;
}

export interface HttpConfig {
  host: string;
  port: number;
  corsOrigins: string[];
  bodyLimit: string;
  /** Express `trust proxy`: false, true, a hop count, or addresses/subnets. */
  trustProxy: boolean | number | string;
  shutdownTimeoutMs: number;
}

export interface AuthConfig {
  jwtSecret: string;
  accessTtlSeconds: number;
  refreshTtlDays: number;
  otpSecret: string;
  otpTtlSeconds: number;
  /** Wrong codes allowed per OTP before it is dead. */
  otpMaxAttempts: number;
  /** Requests per IP per minute on each auth endpoint. */
  rateLimitPerMinute: number;
  /** Wrong login codes per hour, platform-wide, before clients that failed get no more tries (0: off). */
  otpFailureBudgetPerHour: number;
  /** Requests per API key per minute (sliding window, shared by all instances). */
  apiKeyRateLimitPerMinute: number;
  purgeCron: string;
}

export interface MailConfig {
  /** Unset: messages are written to `outboxDir` (and logged) instead of being sent. */
  smtpUrl?: string;
  from: string;
  outboxDir: string;
}

export interface ProgressConfig {
  /** Share of a video's duration that must be watched to complete it. */
  completionThreshold: number;
  /** A heartbeat may add at most the wall-clock time since the previous one plus this. */
  heartbeatSlackSeconds: number;
  /** Watched time of a class never exceeds this multiple of its duration. */
  maxWatchMultiple: number;
}

export interface AnalyticsConfig {
  /** Raw events are kept this many days (whole day partitions are dropped after). */
  retentionDays: number;
  rollupCron: string;
  /** How often due report subscriptions are looked for (cron, UTC). */
  reportDeliveryCron: string;
  /** Closed days rolled up again on every run, so late events are counted. */
  rerollDays: number;
  /** Day partitions created ahead of today. */
  partitionDaysAhead: number;
  /** Today so far is rolled up as a provisional day every this many minutes (0: never). */
  intradayMinutes: number;
  ingest: {
    /** Most events sent to PostgreSQL in one statement (several requests share it). */
    batchRows: number;
    /** Connections writing batches in parallel. */
    connections: number;
    /** Events waiting for a write before new requests get 503 (bounds memory). */
    maxQueuedEvents: number;
  };
}

export interface AdminConfig {
  /** Serve the back office at `/admin` on this instance. */
  enabled: boolean;
  sessionSecret: string;
  /** A session unused this long ends (the cookie and the stored session expire together). */
  sessionIdleMinutes: number;
  /** A session ends this long after the login, however active. */
  sessionMaxHours: number;
  /** `auto`: secure when the request came over HTTPS (honours TRUST_PROXY). */
  cookieSecure: boolean | 'auto';
  /** Login attempts per client IP per 15 minutes. */
  loginRateLimit: number;
  /** The AdminJS frontend bundle made by `npm run build` (read-only at runtime). */
  bundleDir: string;
  /** Raw analytics events: the list shows this many recent days unless filtered by time. */
  eventsWindowDays: number;
}

export interface AppConfig {
  env: NodeEnv;
  http: HttpConfig;
  database: DatabaseConfig;
  backup: BackupConfig;
  log: { level: string; pretty: boolean };
  auth: AuthConfig;
  mail: MailConfig;
  progress: ProgressConfig;
  analytics: AnalyticsConfig;
  admin: AdminConfig;
  /** Scheduled jobs run on this instance (switch off on instances that only serve HTTP). */
  jobsEnabled: boolean;
  /** Bearer token Prometheus sends to `GET /metrics`; unset: no metrics endpoint. */
  metricsToken?: string;
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
  const problems = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  const env = vars.NODE_ENV ?? 'development';
  if (env === 'production') {
    for (const name of ['JWT_SECRET', 'OTP_SECRET', 'SMTP_URL', 'ADMIN_SESSION_SECRET'] as const) {
      if (!vars[name]) problems.push(`${name}: required in production`);
    }
  }
  if (vars.DB_BACKUP_CRON && vars.DATABASE_URL) {
    problems.push(
      'DB_BACKUP_CRON: backs up the embedded database only; with DATABASE_URL use pg_dump or your provider’s managed backups (docs/backups.md)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
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
      replicaUrl: vars.DATABASE_REPLICA_URL,
      poolMax: vars.DATABASE_POOL_MAX ?? 10,
      embedded: {
        dataDir: resolve(vars.EMBEDDED_PG_DATA_DIR ?? '.data/postgres'),
        port: vars.EMBEDDED_PG_PORT ?? 54329,
      },
      migrateOnStart: vars.MIGRATE_ON_START ?? true,
      seedOnEmpty: vars.SEED_ON_EMPTY ?? env !== 'production',
    },
    backup: {
      dir: resolve(vars.BACKUP_DIR ?? '.data/backups'),
      cron: vars.DB_BACKUP_CRON,
      keep: vars.DB_BACKUP_KEEP ?? 7,
    },
    log: {
      level: vars.LOG_LEVEL ?? (env === 'test' ? 'warn' : 'info'),
      pretty: vars.LOG_PRETTY ?? env === 'development',
    },
    jobsEnabled: vars.JOBS_ENABLED ?? env !== 'test',
    metricsToken: vars.METRICS_TOKEN,
    auth: {
      jwtSecret: secret('JWT_SECRET', vars.JWT_SECRET, env),
      accessTtlSeconds: vars.JWT_ACCESS_TTL_SECONDS ?? 900,
      refreshTtlDays: vars.REFRESH_TOKEN_TTL_DAYS ?? 30,
      otpSecret: secret('OTP_SECRET', vars.OTP_SECRET, env),
      otpTtlSeconds: vars.OTP_TTL_SECONDS ?? 600,
      otpMaxAttempts: 5,
      rateLimitPerMinute: vars.AUTH_RATE_LIMIT_PER_MINUTE ?? 30,
      otpFailureBudgetPerHour: vars.AUTH_OTP_FAILURE_BUDGET_PER_HOUR ?? 1000,
      apiKeyRateLimitPerMinute: vars.API_KEY_RATE_LIMIT_PER_MINUTE ?? 120,
      purgeCron: vars.AUTH_PURGE_CRON ?? '17 * * * *',
    },
    admin: {
      enabled: vars.ADMIN_ENABLED ?? true,
      sessionSecret: secret('ADMIN_SESSION_SECRET', vars.ADMIN_SESSION_SECRET, env),
      sessionIdleMinutes: vars.ADMIN_SESSION_IDLE_MINUTES ?? 60,
      sessionMaxHours: vars.ADMIN_SESSION_MAX_HOURS ?? 12,
      cookieSecure: parseCookieSecure(vars.ADMIN_COOKIE_SECURE),
      loginRateLimit: vars.ADMIN_LOGIN_RATE_LIMIT ?? 10,
      bundleDir: vars.ADMIN_BUNDLE_DIR ? resolve(vars.ADMIN_BUNDLE_DIR) : DEFAULT_ADMIN_BUNDLE_DIR,
      eventsWindowDays: vars.ADMIN_EVENTS_WINDOW_DAYS ?? 7,
    },
    analytics: {
      retentionDays: vars.ANALYTICS_RETENTION_DAYS ?? 90,
      rollupCron: vars.ANALYTICS_ROLLUP_CRON ?? '15 0 * * *',
      reportDeliveryCron: vars.REPORT_DELIVERY_CRON ?? '* * * * *',
      rerollDays: vars.ANALYTICS_REROLL_DAYS ?? 3,
      partitionDaysAhead: vars.ANALYTICS_PARTITION_DAYS_AHEAD ?? 7,
      intradayMinutes: vars.ANALYTICS_INTRADAY_MINUTES ?? 5,
      ingest: {
        batchRows: vars.ANALYTICS_INGEST_BATCH_ROWS ?? 5000,
        // One writer: each write commits everything queued meanwhile. Where PostgreSQL shares a
        // couple of cores with the app, a second concurrent write halves the groups and costs more
        // CPU per event than it gains (bench:ingest, both phases). More on a dedicated database.
        connections: vars.ANALYTICS_INGEST_CONNECTIONS ?? 1,
        maxQueuedEvents: vars.ANALYTICS_INGEST_MAX_QUEUE ?? 100_000,
      },
    },
    progress: {
      completionThreshold: vars.PROGRESS_COMPLETION_THRESHOLD ?? 0.9,
      heartbeatSlackSeconds: vars.PROGRESS_HEARTBEAT_SLACK_SECONDS ?? 30,
      maxWatchMultiple: vars.PROGRESS_MAX_WATCH_MULTIPLE ?? 3,
    },
    mail: {
      smtpUrl: vars.SMTP_URL,
      from: vars.MAIL_FROM ?? 'Course Platform <no-reply@localhost>',
      outboxDir: resolve(vars.OUTBOX_DIR ?? 'outbox'),
    },
  };
}

/**
 * Production must configure its secrets. Elsewhere a missing one gets a random value per process,
 * so a fresh machine works without a secret ever being written into the code (tokens then do not
 * survive a restart, which is fine for development).
 */
function secret(name: string, value: string | undefined, env: NodeEnv): string {
  if (value) return value;
  if (env === 'production') throw new ConfigError([`${name}: required in production`]);
  return randomBytes(32).toString('base64url');
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Express `trust proxy`: unset/false → off, true → any, a number → hop count, else addresses/subnets. */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

function parseCookieSecure(value: 'auto' | 'true' | 'false' | undefined): boolean | 'auto' {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return 'auto';
}

/** `npm run build` writes the bundle to dist/admin-bundle; this file is src/… or dist/… two levels down. */
const DEFAULT_ADMIN_BUNDLE_DIR = fileURLToPath(new URL('../../../dist/admin-bundle', import.meta.url));
