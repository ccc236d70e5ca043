import type { MikroORM } from '@mikro-orm/core';
import type { AdminJSOptions } from 'adminjs';
import type { AccessService } from '../access/index.js';
import type { ApiKeysService } from '../users/index.js';
import { apiKeyActions } from './actions/api-key.actions.js';
import { courseAccessActions } from './actions/course-access.actions.js';
import { componentLoader, Components } from './admin-components.js';
import { ADMIN_LOCALE } from './admin-locale.js';
import type { DashboardData } from './dashboard/dashboard-data.js';
import { actionsFor, mergeActions } from './resources/access.js';
import { BackOfficeResource } from './resources/backoffice-resource.js';
import { MigrationsResource } from './resources/migrations-resource.js';
import {
  NAVIGATION,
  RESOURCE_DEFINITIONS,
  type ResourceDependencies,
} from './resources/resource-definitions.js';
import { rollupPageHandler } from './rollup/rollup-page.js';
import type { RollupRunner } from './rollup/rollup-runner.js';

export const ADMIN_ROOT = '/admin';

export interface AdminOptionsDeps extends ResourceDependencies {
  orm: MikroORM;
  access: AccessService;
  apiKeys: ApiKeysService;
  dashboard: DashboardData;
  rollup: RollupRunner | undefined;
}

/** The AdminJS configuration: resources from RESOURCE_DEFINITIONS, the dashboard, the rollup page. */
export function buildAdminOptions(deps: AdminOptionsDeps): AdminJSOptions {
  return {
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    componentLoader,
    branding: {
      companyName: 'Course Platform',
      withMadeWithLove: false,
      logo: false,
    },
    locale: ADMIN_LOCALE,
    settings: { defaultPerPage: 20 },
    resources: [...entityResources(deps), migrationHistory(deps)],
    dashboard: {
      component: Components.Dashboard,
      handler: () => deps.dashboard.figures(),
    },
    pages: {
      analyticsRollup: {
        component: Components.RollupPage,
        icon: 'RefreshCw',
        handler: rollupPageHandler(deps.rollup),
      },
    },
  };
}

function entityResources(deps: AdminOptionsDeps): NonNullable<AdminJSOptions['resources']> {
  return RESOURCE_DEFINITIONS.map((definition) => {
    const extraActions =
      definition.entity.name === 'Course'
        ? courseAccessActions(deps.access)
        : definition.entity.name === 'ApiKey'
          ? apiKeyActions(deps.apiKeys)
          : {};
    return {
      resource: new BackOfficeResource({
        model: definition.entity,
        orm: deps.orm,
        behaviour: definition.behaviour?.(deps),
        writable: definition.options?.editProperties,
      }),
      options: {
        ...definition.options,
        navigation: NAVIGATION[definition.group],
        actions: mergeActions(mergeActions(actionsFor(definition.access), definition.actions), extraActions),
      },
    };
  });
}

/** The migrator's table: admins read it; nobody writes it from here. */
function migrationHistory(deps: AdminOptionsDeps) {
  return {
    resource: new MigrationsResource(deps.orm),
    options: {
      navigation: NAVIGATION.System,
      listProperties: ['id', 'name', 'executedAt'],
      sort: { sortBy: 'id', direction: 'desc' as const },
      actions: mergeActions(actionsFor('system'), {
        delete: { isAccessible: false },
        bulkDelete: { isAccessible: false },
      }),
    },
  };
}
