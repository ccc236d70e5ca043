import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { buildOrmOptions } from './app/orm.config.js';
import { UserActivityModule } from './app/user-activity.module.js';
import { AuthGuardsModule } from './common/auth/auth-guards.module.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { APP_CONFIG, type AppConfig } from './infra/config/app-config.js';
import { OrmModule } from './infra/database/orm.module.js';
import { reportsPoolMax } from './infra/database/pools.js';
import { HealthModule } from './infra/health/health.module.js';
import { loggingModule } from './infra/logging/logging.module.js';
import { MailModule } from './infra/mail/mail.module.js';
import { AuditModule } from './infra/audit/audit.module.js';
import { BackupModule } from './infra/backup/index.js';
import { MetricsModule } from './infra/metrics/metrics.module.js';
import { RateLimitModule } from './infra/rate-limit/rate-limit.module.js';
import { AccessModule } from './modules/access/index.js';
import { CoursesModule } from './modules/courses/index.js';
import { ProgressModule } from './modules/progress/index.js';
import { BackOfficeModule } from './modules/admin/index.js';
import { UsersModule } from './modules/users/index.js';
import { AnalyticsModule } from './modules/analytics/index.js';

export interface AppModuleOptions {
  config: AppConfig;
  /** The PostgreSQL to use (embedded or DATABASE_URL), already resolved by the caller. */
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        loggingModule(config),
        OrmModule.forRoot({
          orm: buildOrmOptions({
            url: databaseUrl,
            poolMax: config.database.poolMax,
            // Used only by queries that ask for it (connectionType 'read'): reports, analytics lists.
            replica: config.database.replicaUrl
              ? { url: config.database.replicaUrl, poolMax: reportsPoolMax(config) }
              : undefined,
          }),
          // Event ingestion writes through its own pool (EventWriter), never through the ORM.
          withoutRequestContext: [{ path: 'analytics/events', method: RequestMethod.POST }],
        }),
        // Domain events between modules (e.g. logins and completions → analytics).
        EventEmitterModule.forRoot({ wildcard: false, ignoreErrors: false }),
        // Jobs register through scheduleJob(), which honours JOBS_ENABLED per instance.
        ScheduleModule.forRoot(),
        MetricsModule,
        RateLimitModule,
        AuditModule,
        BackupModule,
        AuthGuardsModule,
        MailModule,
        // Express tries routes in the order they were registered: the event ingestion route, by far
        // the busiest, comes first instead of after every other route.
        AnalyticsModule,
        HealthModule,
        UsersModule,
        CoursesModule,
        AccessModule,
        ProgressModule,
        // What access and progress know of a user, for the users module's staff view of an account.
        UserActivityModule,
        // The back office at /admin (ADMIN_ENABLED=false leaves it out of this instance).
        BackOfficeModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
      exports: [APP_CONFIG],
    };
  }
}
