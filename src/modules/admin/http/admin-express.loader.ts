import { AbstractLoader, type AdminModuleOptions } from '@adminjs/nestjs';
import { MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import type AdminJS from 'adminjs';
import type { Express } from 'express';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import { bodyLimitBytes } from '../../../infra/http/body-limit.js';
import { BACK_OFFICE_MOUNT, fillEarlyMount } from '../../../infra/http/early-mount.js';
import { StaffAuthService } from '../../users/index.js';
import { COMPONENT_NAMES } from '../admin-components.js';
import { AdminBundle } from './admin-bundle.js';
import { buildAdminRouter } from './admin-router.js';
import { assertWatchSwitchedOff } from './adminjs-watch.js';
import { createAdminSessions, type AdminSessions } from './admin-session.js';

/**
 * Mounts the back office on Nest's Express app (our `customLoader` for @adminjs/nestjs, in place of
 * its ExpressLoader, which serves AdminJS unauthenticated assets and keeps sessions in memory).
 * The router goes first in Express's stack (the early mount `configureApp` reserves, see
 * early-mount.ts) so the API's JSON/urlencoded parsers never consume an AdminJS form body and Nest's
 * routes never answer `/admin`; it answers `/admin` paths only, so every other request passes
 * through as before.
 */
@Injectable()
export class AdminExpressLoader extends AbstractLoader implements OnApplicationShutdown {
  private readonly logger = new Logger('BackOffice');
  private sessions?: AdminSessions;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MikroORM) private readonly orm: MikroORM,
    private readonly staffAuth: StaffAuthService,
  ) {
    super();
  }

  register(admin: AdminJS, httpAdapter: AbstractHttpAdapter, _options: AdminModuleOptions): void {
    assertWatchSwitchedOff(admin);
    const app = httpAdapter.getInstance<Express>();
    const rootPath = admin.options.rootPath;
    const bundle = new AdminBundle(this.config.admin.bundleDir, COMPONENT_NAMES);
    if (bundle.problem)
      this.logger.warn(`Back-office pages will lack their custom components: ${bundle.problem}`);
    this.sessions = createAdminSessions(
      this.config.admin,
      this.orm.config.get('clientUrl') ?? '',
      rootPath,
      (m) => this.logger.error(m),
    );
    const router = buildAdminRouter({
      admin,
      orm: this.orm,
      config: this.config.admin,
      bodyLimitBytes: bodyLimitBytes(this.config.http.bodyLimit),
      sessions: this.sessions,
      staffAuth: this.staffAuth,
      bundle,
    });
    fillEarlyMount(app, BACK_OFFICE_MOUNT, rootPath, router);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sessions?.close();
  }
}
