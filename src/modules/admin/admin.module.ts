import { AdminModule } from '@adminjs/nestjs';
import { MikroORM } from '@mikro-orm/postgresql';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../infra/config/app-config.js';
import { AccessModule, AccessService } from '../access/index.js';
import { ApiKeysService, UsersModule } from '../users/index.js';
import { buildAdminOptions } from './admin-options.js';
import { DASHBOARD_DATA, type DashboardData } from './dashboard/dashboard-data.js';
import { AdminExpressLoader } from './http/admin-express.loader.js';
import { switchOffAdminJsWatch } from './http/adminjs-watch.js';
import { UserWrites } from './resources/user-writes.js';
import { ROLLUP_RUNNER, type RollupRunner } from './rollup/rollup-runner.js';
import { ReportDashboardData } from './dashboard/report-dashboard-data.js';
import { AnalyticsModule, AnalyticsRollupService, ReportDeliveryService } from '../analytics/index.js';
import { CoursesModule } from '../courses/index.js';
import { CatalogWrites } from './resources/catalog-writes.js';

// AdminJS's dev-mode watch() (which @adminjs/nestjs calls on start) would bundle our components at
// runtime; they are built by `npm run build` instead (see adminjs-watch.ts).
switchOffAdminJsWatch();

/** What the back office is made of; swap a provider here to change where rules or figures come from. */
@Module({
  imports: [AccessModule, UsersModule, AnalyticsModule, CoursesModule],
  providers: [
    UserWrites,
    CatalogWrites,
    {
      provide: ROLLUP_RUNNER,
      useFactory: (rollups: AnalyticsRollupService): RollupRunner => ({
        run: (from, to) => rollups.rollupRange(from, to),
        status: () => rollups.status(),
      }),
      inject: [AnalyticsRollupService],
    },
    // The same figures as /analytics/reports (aggregates for closed days, raw events for today).
    { provide: DASHBOARD_DATA, useClass: ReportDashboardData },
  ],
  exports: [
    UserWrites,
    CatalogWrites,
    DASHBOARD_DATA,
    ROLLUP_RUNNER,
    AccessModule,
    UsersModule,
    AnalyticsModule,
  ],
})
export class BackOfficeCoreModule {}

/** Provides AdminJS's options from the container; the rollup runner is optional (analytics provides it). */
class AdminOptionsFactory {
  static inject = [
    APP_CONFIG,
    MikroORM,
    AccessService,
    ApiKeysService,
    ReportDeliveryService,
    UserWrites,
    CatalogWrites,
    DASHBOARD_DATA,
    { token: ROLLUP_RUNNER, optional: true },
  ];

  static create(
    config: AppConfig,
    orm: MikroORM,
    access: AccessService,
    apiKeys: ApiKeysService,
    deliveries: ReportDeliveryService,
    users: UserWrites,
    catalog: CatalogWrites,
    dashboard: DashboardData,
    rollup?: RollupRunner,
  ) {
    return {
      shouldBeInitialized: config.admin.enabled,
      adminJsOptions: buildAdminOptions({
        orm,
        access,
        apiKeys,
        deliveries,
        users,
        catalog,
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
