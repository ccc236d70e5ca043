import { AdminModule } from '@adminjs/nestjs';
import { MikroORM } from '@mikro-orm/postgresql';
import { Module } from '@nestjs/common';
import AdminJS from 'adminjs';
import { APP_CONFIG, type AppConfig } from '../../infra/config/app-config.js';
import { AccessModule, AccessService } from '../access/index.js';
import { ApiKeysService, UsersModule } from '../users/index.js';
import { buildAdminOptions } from './admin-options.js';
import { DASHBOARD_DATA, type DashboardData } from './dashboard/dashboard-data.js';
import { AdminExpressLoader } from './http/admin-express.loader.js';
import { UserWrites } from './resources/user-writes.js';
import { ROLLUP_RUNNER, type RollupRunner } from './rollup/rollup-runner.js';
import { ReportDashboardData } from './dashboard/report-dashboard-data.js';
import { AnalyticsModule, AnalyticsRollupService } from '../analytics/index.js';
import {
  BackOfficeCatalogRules,
  CATALOG_WRITE_RULES,
  type CatalogWriteRules,
} from './rules/catalog-write-rules.js';

// AdminJS's dev-mode watch() (which @adminjs/nestjs calls on start) bundles our components into
// ADMIN_JS_TMP_DIR inside the app's folder and keeps a rollup watcher alive. The bundle is built by
// `npm run build` instead and only read at runtime, so watching is switched off.
AdminJS.prototype.watch = async function noRuntimeBundling() {
  return undefined;
};

/** What the back office is made of; swap a provider here to change where rules or figures come from. */
@Module({
  imports: [AccessModule, UsersModule, AnalyticsModule],
  providers: [
    UserWrites,
    {
      provide: ROLLUP_RUNNER,
      useFactory: (rollups: AnalyticsRollupService): RollupRunner => ({
        run: (from, to) => rollups.rollupRange(from, to),
        status: () => rollups.status(),
      }),
      inject: [AnalyticsRollupService],
    },
    { provide: CATALOG_WRITE_RULES, useClass: BackOfficeCatalogRules },
    // The same figures as /analytics/reports (aggregates for closed days, raw events for today).
    { provide: DASHBOARD_DATA, useClass: ReportDashboardData },
  ],
  exports: [UserWrites, CATALOG_WRITE_RULES, DASHBOARD_DATA, ROLLUP_RUNNER, AccessModule, UsersModule],
})
export class BackOfficeCoreModule {}

/** Provides AdminJS's options from the container; the rollup runner is optional (analytics provides it). */
class AdminOptionsFactory {
  static inject = [
    APP_CONFIG,
    MikroORM,
    AccessService,
    ApiKeysService,
    UserWrites,
    CATALOG_WRITE_RULES,
    DASHBOARD_DATA,
    { token: ROLLUP_RUNNER, optional: true },
  ];

  static create(
    config: AppConfig,
    orm: MikroORM,
    access: AccessService,
    apiKeys: ApiKeysService,
    users: UserWrites,
    catalogRules: CatalogWriteRules,
    dashboard: DashboardData,
    rollup?: RollupRunner,
  ) {
    return {
      shouldBeInitialized: config.admin.enabled,
      adminJsOptions: buildAdminOptions({
        orm,
        access,
        apiKeys,
        users,
        catalogRules,
        dashboard,
        rollup,
        eventsWindowDays: config.admin.eventsWindowDays,
      }),
    };
  }
}

/**
 * The back office at `/admin`: AdminJS through @adminjs/nestjs, with our loader (PostgreSQL
 * sessions, staff-only gate, prebuilt bundle) and our MikroORM resources.
 */
export const BackOfficeModule = AdminModule.createAdminAsync({
  imports: [BackOfficeCoreModule],
  inject: AdminOptionsFactory.inject,
  useFactory: AdminOptionsFactory.create,
  customLoader: AdminExpressLoader,
});
