import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

/** ANALYTICS_INTRADAY_MINUTES: 0 (no intraday refresh) or a divisor of the hour. */
export const INTRADAY_MINUTES = [0, 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  return value;
};

const toInt = ({ value }: { value: unknown }): unknown => {
  if (value === undefined || value === '') return undefined;
  return /^-?\d+$/.test(String(value)) ? Number(value) : value;
};

/**
 * Every environment variable the app reads, with its rules. `.env.example` documents each one;
 * `loadConfig` turns a validated instance into the typed `AppConfig` the rest of the code uses.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_REPLICA_URL must be a postgres:// URL' })
  DATABASE_REPLICA_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_MAX?: number;

  @IsOptional()
  @IsString()
  @MinLength(1)
  EMBEDDED_PG_DATA_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT?: number;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  MIGRATE_ON_START?: boolean;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  SEED_ON_EMPTY?: boolean;

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsOptional()
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT?: string;

  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  LOG_PRETTY?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  JOBS_ENABLED?: boolean;

  // --- operations ---
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'METRICS_TOKEN must be at least 32 characters' })
  METRICS_TOKEN?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  BACKUP_DIR?: string;

  @IsOptional()
  @Matches(/^\S+( \S+){4,5}$/, { message: 'DB_BACKUP_CRON must be a cron expression (5 or 6 fields)' })
  DB_BACKUP_CRON?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DB_BACKUP_KEEP?: number;

  // --- identity ---
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86_400)
  JWT_ACCESS_TTL_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS?: number;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'OTP_SECRET must be at least 32 characters' })
  OTP_SECRET?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  OTP_TTL_SECONDS?: number;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  @IsOptional()
  @IsString()
  OUTBOX_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  AUTH_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  AUTH_OTP_FAILURE_BUDGET_PER_HOUR?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  API_KEY_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @IsString()
  AUTH_PURGE_CRON?: string;

  // --- progress ---
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsNumber({ allowNaN: false }, { message: 'PROGRESS_COMPLETION_THRESHOLD must be a number' })
  @Min(0.5)
  @Max(1)
  PROGRESS_COMPLETION_THRESHOLD?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600)
  PROGRESS_HEARTBEAT_SLACK_SECONDS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  PROGRESS_MAX_WATCH_MULTIPLE?: number;

  // --- analytics ---
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(7)
  @Max(3650)
  ANALYTICS_RETENTION_DAYS?: number;

  @IsOptional()
  @Matches(/^\S+( \S+){4,5}$/, { message: 'ANALYTICS_ROLLUP_CRON must be a cron expression (5 or 6 fields)' })
  ANALYTICS_ROLLUP_CRON?: string;

  @IsOptional()
  @Matches(/^\S+( \S+){4,5}$/, { message: 'REPORT_DELIVERY_CRON must be a cron expression (5 or 6 fields)' })
  REPORT_DELIVERY_CRON?: string;

  // Client timestamps may be up to 72 h late: re-rolling fewer days would miss them.
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(3, { message: 'ANALYTICS_REROLL_DAYS must be at least 3 (client timestamps may be 72 h late)' })
  @Max(60)
  ANALYTICS_REROLL_DAYS?: number;

  // A refresh every N minutes at hh:mm:30 (cron `*/N`): N divides the hour, so rounds stay even.
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @IsIn(INTRADAY_MINUTES, {
    message: `ANALYTICS_INTRADAY_MINUTES must be 0 (off) or divide 60: ${INTRADAY_MINUTES.filter((n) => n > 0).join(', ')}`,
  })
  ANALYTICS_INTRADAY_MINUTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  ANALYTICS_PARTITION_DAYS_AHEAD?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(50_000)
  ANALYTICS_INGEST_BATCH_ROWS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(16)
  ANALYTICS_INGEST_CONNECTIONS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(2_000_000)
  ANALYTICS_INGEST_MAX_QUEUE?: number;

  // --- back office (AdminJS) ---
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  ADMIN_ENABLED?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'ADMIN_SESSION_SECRET must be at least 32 characters' })
  ADMIN_SESSION_SECRET?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  ADMIN_SESSION_IDLE_MINUTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  ADMIN_SESSION_MAX_HOURS?: number;

  @IsOptional()
  @IsIn(['auto', 'true', 'false'])
  ADMIN_COOKIE_SECURE?: 'auto' | 'true' | 'false';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  ADMIN_LOGIN_RATE_LIMIT?: number;

  @IsOptional()
  @IsString()
  @MinLength(1)
  ADMIN_BUNDLE_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3660)
  ADMIN_EVENTS_WINDOW_DAYS?: number;
}
