import { MikroORM } from '@mikro-orm/postgresql';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { App } from 'supertest/types.js';
import { AppModule } from '../../src/app.module.js';
import { loadConfig, type AppConfig } from '../../src/infra/config/app-config.js';
import { configureApp } from '../../src/app/configure-app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  http: App;
  orm: MikroORM;
  config: AppConfig;
  db: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real application (same modules, same HTTP setup as `main.ts`) on a database of its own.
 * `env` overrides configuration variables for this app only. With `sameDatabaseAs`, a second
 * instance of the app on another app's database (as two replicas behind a load balancer); closing
 * it leaves the database to its owner.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  sameDatabaseAs?: Pick<TestApp, 'db'>,
): Promise<TestApp> {
  const db = sameDatabaseAs?.db ?? (await createTestDatabase());
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ config, databaseUrl: db.url })],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true });
  configureApp(app, config);
  await app.init();
  return {
    app,
    http: app.getHttpServer() as App,
    orm: app.get(MikroORM),
    config,
    db,
    close: async () => {
      await app.close();
      if (!sameDatabaseAs) await db.drop();
    },
  };
}
