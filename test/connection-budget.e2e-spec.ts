import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { connectionBudget, totalConnections } from '../src/infra/database/pools.js';
import { AnalyticsRollupService } from '../src/modules/analytics/rollup/index.js';
import { signInAs } from './utils/admin.js';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * pools.ts is the one list of the connections an instance opens. Under every kind of load at once
 * (ingestion, reports, the back office, the nightly job, report delivery), every connection the app
 * holds to its database must carry one of its names and stay within that pool's budget: a pool
 * opened anywhere else, or sized past its budget, fails here.
 */
describe('connections an instance opens', () => {
  let t: TestApp;
  let sampler: pg.Client;

  beforeAll(async () => {
    t = await createTestApp({
      JOBS_ENABLED: 'true',
      DATABASE_POOL_MAX: '6',
      // The nightly job is started by the test; report delivery keeps its every-minute schedule.
      ANALYTICS_ROLLUP_CRON: '0 0 1 1 *',
    });
    sampler = new pg.Client({ connectionString: t.db.url, application_name: 'test-sampler' });
    await sampler.connect();
  });
  afterAll(async () => {
    await sampler.end();
    await t.close();
  });

  /** The most connections seen per application_name while `work` runs. */
  async function peakConnectionsDuring(work: () => Promise<unknown>): Promise<Record<string, number>> {
    const peak: Record<string, number> = {};
    let running = true;
    const sampling = (async () => {
      while (running) {
        const { rows } = await sampler.query<{ name: string; n: number }>(
          `SELECT application_name AS name, count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            GROUP BY 1`,
        );
        for (const { name, n } of rows) peak[name] = Math.max(peak[name] ?? 0, n);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    try {
      await work();
    } finally {
      running = false;
      await sampling;
    }
    return peak;
  }

  it('names every connection and keeps each pool, and the instance, within its budget', async () => {
    const student = await createUserWithTokens(t, 'student');
    const staff = await createUserWithTokens(t, 'staff');
    const { agent } = await signInAs(t, 'staff');
    const event = (i: number) => ({
      eventType: 'we_page_load',
      page: `/p/${i}`,
      sessionId: `budget-${i % 7}`,
    });
    const range = { from: '2026-01-01', to: '2026-01-31' };

    const peak = await peakConnectionsDuring(() =>
      Promise.all([
        ...Array.from({ length: 40 }, (_, i) =>
          request(t.http)
            .post('/analytics/events')
            .set(i % 2 ? student.auth : {})
            .send(event(i))
            .expect(201),
        ),
        ...Array.from({ length: 12 }, () =>
          request(t.http)
            .get('/analytics/reports/engagement/active-users')
            .query(range)
            .set(staff.auth)
            .expect(200),
        ),
        ...Array.from({ length: 6 }, () => agent.get('/admin/resources/users').expect(200)),
        ...Array.from({ length: 12 }, () => request(t.http).get('/users/me').set(student.auth).expect(200)),
        t.app.get(AnalyticsRollupService).runDaily(),
      ]),
    );

    const budget = Object.fromEntries(
      connectionBudget(t.config).map((pool) => [`course-platform:${pool.name}`, pool.max]),
    );
    // Busy pools were seen at all (the sampler works), and nothing unnamed or unknown was.
    expect(peak['course-platform:orm']).toBeGreaterThan(0);
    expect(peak['course-platform:reports']).toBeGreaterThan(0);
    expect(Object.keys(peak).filter((name) => !(name in budget))).toEqual([]);
    for (const [name, n] of Object.entries(peak)) {
      expect({ name, n: Math.min(n, budget[name] ?? 0) }).toEqual({ name, n });
    }
    const total = Object.values(peak).reduce((sum, n) => sum + n, 0);
    expect(total).toBeLessThanOrEqual(totalConnections(t.config));
  });

  it('counts jobs and the back office only where they run', () => {
    const names = (env: { jobs: boolean; admin: boolean }) =>
      connectionBudget({
        ...t.config,
        jobsEnabled: env.jobs,
        admin: { ...t.config.admin, enabled: env.admin },
      })
        .filter((pool) => pool.max > 0)
        .map((pool) => pool.name)
        .sort();
    expect(names({ jobs: true, admin: true })).toEqual([
      'admin-sessions',
      'ingestion',
      'job-lock',
      'orm',
      'reports',
      'rollup',
      'session-changes',
    ]);
    expect(names({ jobs: false, admin: false })).toEqual(['ingestion', 'orm', 'reports', 'session-changes']);
    // DATABASE_POOL_MAX=6: ORM 6, reports 3, ingestion 1, session changes 1, 4 job locks (the nightly
    // rollup, the intraday refresh, the auth purge, report delivery), 2 rollup, 3 admin.
    expect(totalConnections(t.config)).toBe(20);
    // Without intraday refreshes, their lock connection goes.
    const noIntraday = { ...t.config, analytics: { ...t.config.analytics, intradayMinutes: 0 } };
    expect(totalConnections(noIntraday)).toBe(19);
  });

  it('counts the replica’s pools against the replica, and leaves the primary’s budget as it was', () => {
    const withReplica = (admin: boolean) => ({
      ...t.config,
      database: { ...t.config.database, replicaUrl: 'postgres://u:p@replica.example:5432/app' },
      admin: { ...t.config.admin, enabled: admin },
    });
    // Reports that need a day from raw events still run on the primary: its reports pool stays.
    expect(totalConnections(withReplica(true))).toBe(20);
    // DATABASE_POOL_MAX=6: reports 3 on the replica, and the ORM's 3 (learning reports, analytics lists).
    expect(totalConnections(withReplica(true), 'replica')).toBe(6);
    expect(totalConnections(withReplica(false), 'replica')).toBe(6);
    expect(totalConnections(t.config, 'replica')).toBe(0);
    const replicaPools = connectionBudget(withReplica(true))
      .filter((pool) => pool.server === 'replica')
      .map((pool) => pool.name);
    expect(replicaPools).toEqual(['reports-replica', 'orm-replica']);
  });

  it('counts the scheduled backup only where it runs: jobs on, DB_BACKUP_CRON set, the embedded database', () => {
    const withBackups = (database: Partial<typeof t.config.database>) =>
      connectionBudget({
        ...t.config,
        database: { ...t.config.database, ...database },
        backup: { ...t.config.backup, cron: '40 2 * * *' },
      });
    const max = (budget: ReturnType<typeof connectionBudget>, name: string) =>
      budget.find((pool) => pool.name === name)?.max;
    const embedded = withBackups({ url: undefined });
    // Its pg_backup_start() session, and a fifth job lock.
    expect([max(embedded, 'backup'), max(embedded, 'job-lock')]).toEqual([1, 5]);
    const external = withBackups({ url: 'postgres://u:p@db.example:5432/app' });
    expect([max(external, 'backup'), max(external, 'job-lock')]).toEqual([0, 4]);
  });
});
