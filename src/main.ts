import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app/configure-app.js';
import { prepareDatabase } from './app/prepare-database.js';
import { ConfigError, loadConfig, type AppConfig } from './infra/config/app-config.js';
import { openDatabase, redactUrl, type DatabaseHandle } from './infra/database/database-runtime.js';
import { connectionBudget, totalConnections, type DatabaseServer } from './infra/database/pools.js';

let db: DatabaseHandle | undefined;

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = new Logger('Bootstrap');
  db = await openDatabase(config.database, (line) => logPostgres(logger, line));
  let app: NestExpressApplication | undefined;
  installShutdown(() => app, db, config.http.shutdownTimeoutMs, logger);
  app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, databaseUrl: db.url }), {
    bufferLogs: true,
  });
  configureApp(app, config);
  await prepareDatabase(app.get(MikroORM), config.database);
  await app.listen(config.http.port, config.http.host);

  // PORT=0 asks the OS for a free port: the log names the one it gave (tests start instances so).
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const base = `http://localhost:${port}`;
  logger.log(`API      ${base}`);
  logger.log(`Swagger  ${base}/docs  (OpenAPI JSON: ${base}/docs-json)`);
  if (config.admin.enabled)
    logger.log(`Admin    ${base}/admin  (staff and admins sign in with their password)`);
  if (config.metricsToken) logger.log(`Metrics  ${base}/metrics  (Authorization: Bearer <METRICS_TOKEN>)`);
  // The embedded server is a local throwaway on 127.0.0.1: its URL is printed so a person can open
  // psql or point Metabase at it. An external DATABASE_URL is never printed with its password.
  logger.log(`Database ${db.embedded ? `${db.url} (embedded)` : redactUrl(db.url)}`);
  logger.log(`Database connections: up to ${describeBudget(config, 'primary')}`);
  if (config.database.replicaUrl) {
    logger.log(`Replica  ${redactUrl(config.database.replicaUrl)}`);
    logger.log(`Replica connections: up to ${describeBudget(config, 'replica')}`);
  }
}

/** "25 (orm 10, ingestion 1, …)": what this instance may hold, to size max_connections against. */
function describeBudget(config: AppConfig, server: DatabaseServer): string {
  const parts = connectionBudget(config)
    .filter((pool) => pool.max > 0 && (pool.server ?? 'primary') === server)
    .map((pool) => `${pool.name} ${pool.max}`);
  return `${totalConnections(config, server)} (${parts.join(', ')})`;
}

/** PostgreSQL's own chatter stays out of our logs; its warnings and errors do not. */
function logPostgres(logger: Logger, line: string): void {
  if (/\b(WARNING|ERROR|FATAL|PANIC):/.test(line)) logger.warn(line.trim(), 'PostgreSQL');
}

/**
 * SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish, close the ORM (Nest
 * shutdown hooks), then stop the embedded PostgreSQL. A second signal or the timeout forces exit.
 */
function installShutdown(
  getApp: () => NestExpressApplication | undefined,
  db: DatabaseHandle,
  timeoutMs: number,
  logger: Logger,
): void {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`${signal}: shutting down`);
    setTimeout(() => {
      logger.error(`Shutdown took longer than ${timeoutMs} ms: exiting`);
      process.exit(1);
    }, timeoutMs).unref();
    try {
      await getApp()?.close();
      await db.stop();
      process.exit(0);
    } catch (error) {
      logger.error(error);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

bootstrap().catch(async (error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (isAddressInUse(error))
    console.error(
      `Failed to start: ${error.address ?? 'the address'}:${error.port ?? ''} is already in use (another instance, or another program). Set PORT to a free port, e.g. PORT=3001 npm start.`,
    );
  else console.error('Failed to start:', error);
  await db?.stop().catch(() => undefined);
  process.exit(1);
});

function isAddressInUse(error: unknown): error is { code: 'EADDRINUSE'; address?: string; port?: number } {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}
