import type { PageHandler } from 'adminjs';
import type { BackOfficeAdmin } from '../resources/access.js';
import type { RollupRunner } from './rollup-runner.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

export type RollupPageResponse =
  | { available: false; message: string }
  | {
      available: true;
      canRun: boolean;
      status?: Record<string, unknown>;
      ran?: unknown;
      error?: string;
    };

/**
 * The "Analytics rollup" page: the ledger status for staff, and "run the rollup now for these days"
 * for admins (POST `{ from, to }`). Without a rollup runner it says so.
 */
export function rollupPageHandler(runner: RollupRunner | undefined): PageHandler {
  return async (request, _response, context): Promise<RollupPageResponse> => {
    if (!runner) {
      return {
        available: false,
        message: 'The analytics rollup is not installed on this server yet.',
      };
    }
    const canRun = (context.currentAdmin as BackOfficeAdmin | undefined)?.role === 'admin';
    if (request.method === 'post') {
      if (!canRun)
        return {
          available: true,
          canRun,
          error: 'Only an admin runs the rollup',
        };
      const { from, to } = (request.payload ?? {}) as {
        from?: unknown;
        to?: unknown;
      };
      const problem = checkRange(from, to);
      if (problem) return { available: true, canRun, error: problem };
      const ran = await runner.run(from as string, to as string);
      if (!ran.ran)
        return {
          available: true,
          canRun,
          error: 'Another instance is running analytics maintenance: try again in a minute',
        };
      return {
        available: true,
        canRun,
        ran: ran.result,
        status: await runner.status(),
      };
    }
    return { available: true, canRun, status: await runner.status() };
  };
}

export function checkRange(from: unknown, to: unknown): string | null {
  if (typeof from !== 'string' || typeof to !== 'string' || !DAY.test(from) || !DAY.test(to))
    return 'from and to must be days (YYYY-MM-DD)';
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end)) return 'from and to must be real days';
  if (start > end) return 'from must not be after to';
  if ((end - start) / 86_400_000 + 1 > MAX_DAYS) return `at most ${MAX_DAYS} days at once`;
  // Today is refreshed as a provisional day (its rest to come); later days have nothing yet.
  if (end > Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`))
    return 'to must not be after today (UTC)';
  return null;
}
