export { BackOfficeModule } from './admin.module.js';
export { ROLLUP_RUNNER, type RollupRunner, type RollupRunResult } from './rollup/rollup-runner.js';
export { DASHBOARD_DATA, type DashboardData, type DashboardFigures } from './dashboard/dashboard-data.js';
