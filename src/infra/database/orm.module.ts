import {
  EntityManager as CoreEntityManager,
  MikroORM as CoreMikroORM,
  RequestContext,
} from '@mikro-orm/core';
import { EntityManager, MikroORM, type Options } from '@mikro-orm/postgresql';
import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationShutdown,
  type RequestMethod,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

export interface OrmModuleOptions {
  /** The ORM's configuration: the app's, with every module's entities (src/app/orm.config.ts). */
  orm: Options;
  /**
   * Routes that never use the EntityManager: no request context is forked for them (a fork per
   * request is measurable on a route serving thousands of requests a second).
   */
  withoutRequestContext?: { path: string; method: RequestMethod }[];
}

const ORM_MODULE_OPTIONS = Symbol('ORM_MODULE_OPTIONS');

/**
 * Our own small replacement for `@mikro-orm/nestjs` (CommonJS that `require()`s the ESM-only Nest 12
 * packages, so Jest's ESM runtime cannot load it). Provides `MikroORM` and `EntityManager` to every
 * module, forks a request context per HTTP request, and closes the pool on shutdown.
 */
@Global()
@Module({})
export class OrmModule implements NestModule, OnApplicationShutdown {
  constructor(
    @Inject(MikroORM) private readonly orm: MikroORM,
    @Inject(ORM_MODULE_OPTIONS) private readonly options: OrmModuleOptions,
  ) {}

  static forRoot(options: OrmModuleOptions): DynamicModule {
    return {
      module: OrmModule,
      providers: [
        { provide: ORM_MODULE_OPTIONS, useValue: options },
        { provide: MikroORM, useFactory: () => MikroORM.init(options.orm) },
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
      .exclude(...(this.options.withoutRequestContext ?? []))
      .forRoutes('*');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.orm.close();
  }
}
