import { EntityManager as CoreEntityManager, MikroORM as CoreMikroORM, RequestContext } from '@mikro-orm/core';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { buildOrmOptions, type OrmConnection } from './orm.config.js';

/**
 * Our own small replacement for `@mikro-orm/nestjs` (CommonJS that `require()`s the ESM-only Nest 12
 * packages, so Jest's ESM runtime cannot load it). Provides `MikroORM` and `EntityManager` to every
 * module, forks a request context per HTTP request, and closes the pool on shutdown.
 */
@Global()
@Module({})
export class OrmModule implements NestModule, OnApplicationShutdown {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  static forRoot(connection: OrmConnection): DynamicModule {
    return {
      module: OrmModule,
      providers: [
        { provide: MikroORM, useFactory: () => MikroORM.init(buildOrmOptions(connection)) },
        { provide: EntityManager, useFactory: (orm: MikroORM) => orm.em, inject: [MikroORM] },
        // The driver-agnostic classes resolve to the same instances, whichever a caller imports.
        { provide: CoreMikroORM, useExisting: MikroORM },
        { provide: CoreEntityManager, useExisting: EntityManager },
      ],
      exports: [MikroORM, EntityManager, CoreMikroORM, CoreEntityManager],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    const em = this.orm.em;
    consumer
      .apply((_req: Request, _res: Response, next: NextFunction) => RequestContext.create(em, next))
      .forRoutes('*');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.orm.close();
  }
}
