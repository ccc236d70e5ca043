import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { ConfigError, loadConfig } from './infra/config/app-config.js';
import { openDatabase, redactUrl, type DatabaseHandle } from './infra/database/database-runtime.js';
import { prepareDatabase } from './infra/database/prepare-database.js';
import { configureApp } from './infra/http/configure-app.js';

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

  const base = `http://localhost:${config.http.port}`;
  logger.log(`API      ${base}`);
  logger.log(`Swagger  ${base}/docs  (OpenAPI JSON: ${base}/docs-json)`);
  // The embedded server is a local throwaway on 127.0.0.1: its URL is printed so a person can open
  // psql or point Metabase at it. An external DATABASE_URL is never printed with its password.
  logger.log(`Database ${db.embedded ? `${db.url} (embedded)` : redactUrl(db.url)}`);
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
  else console.error('Failed to start:', error);
  await db?.stop().catch(() => undefined);
  process.exit(1);
});
