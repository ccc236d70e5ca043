import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { connectionBudget } from '../src/infra/database/pools.js';
import { AnalyticsRollupService } from '../src/modules/analytics/rollup/index.js';
import { buildFixtureEvents, insertFixtureEvents } from './fixtures/analytics-events.js';
import { startStreamingReplica, type StreamingReplica } from './setup/test-replica.js';
import { freePort } from './setup/test-postgres.js';
import { signIn, createAccount } from './utils/admin.js';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const TODAY = day(0);
const D1 = day(-4);
const D2 = day(-3);
const D3 = day(-2);
const CLOSED = { from: D1, to: D2 };

/** One secret, as behind a load balancer: a token from one instance works on the others. */
const SHARED = {
  JWT_SECRET: 'read-replica-test-secret-of-enough-length',
  ADMIN_SESSION_SECRET: 'read-replica-test-session-secret',
};

type Body = { source: { rawDays: string[]; missingDays: string[]; server: string } } & Record<
  string,
  unknown
>;

/** Events of `days` with ids of their own (`tag`), so a batch can be added to a day already rolled up. */
const events = (tag: string, days: string[], sessions: number) =>
  buildFixtureEvents(days, sessions).map((e) => ({
    ...e,
    id: `${tag}-${e.id}`,
    session_id: e.session_id && `${tag}-${e.session_id}`,
  }));

/**
 * DATABASE_REPLICA_URL against a real hot standby streaming from its primary (test/setup/test-replica.ts).
 * `t` is an instance with the replica; `p` one without, on the same primary database: the answer
 * of the primary at the same moment.
 */
describe('read replica (DATABASE_REPLICA_URL)', () => {
  let pair: StreamingReplica;
  let t: TestApp;
  let p: TestApp;
  let primary: pg.Client;
  let staff: { Authorization: string };
  let backOffice: { onReplicaApp: TestAgent; onPrimaryApp: TestAgent };

  beforeAll(async () => {
    pair = await startStreamingReplica();
    const db = { name: 'course_platform', url: pair.primaryUrl, drop: async () => undefined };
    [t, p] = await Promise.all([
      createTestApp({ ...SHARED, DATABASE_REPLICA_URL: pair.replicaUrl }, { db }),
      createTestApp(SHARED, { db }),
    ]);
    primary = new pg.Client({ connectionString: pair.primaryUrl });
    await primary.connect();
    staff = (await createUserWithTokens(t, 'staff')).auth;
    const account = await createAccount(t, 'staff');
    backOffice = { onReplicaApp: await signIn(t, account), onPrimaryApp: await signIn(p, account) };
    await insertFixtureEvents(primary, events('a', [D1, D2, D3], 6));
    await t.app.get(AnalyticsRollupService).rollupRange(D1, D2);
    await pair.caughtUp();
  }, 90_000);

  afterAll(async () => {
    await pair?.resumeReplay().catch(() => undefined);
    await primary?.end();
    await p?.close();
    await t?.close();
    await pair?.stop();
  });

  const report = async (app: TestApp, path: string, range: { from: string; to: string }): Promise<Body> =>
    (await request(app.http).get(`/analytics/reports/${path}`).query(range).set(staff).expect(200)).body;
  const withoutSource = ({ source: _source, ...rest }: Body) => rest;
  const ledgerDays = async (agent: TestAgent) => {
    const res = await agent
      .get('/admin/api/resources/analytics_rollup_ledger/actions/list?perPage=500')
      .expect(200);
    return [
      ...new Set((res.body.records as { params: { day: string } }[]).map((r) => r.params.day.slice(0, 10))),
    ].sort();
  };

  it('answers a report of rolled-up days from the replica, with the primary’s figures', async () => {
    // A real hot standby, streaming: read only, and it refuses the temporary tables of live days.
    const streaming = await pgQuery(pair.primaryUrl, `SELECT state FROM pg_stat_replication`);
    expect(streaming).toEqual([{ state: 'streaming' }]);
    const recovery = await pgQuery(pair.replicaUrl, 'SELECT pg_is_in_recovery() AS standby');
    expect(recovery).toEqual([{ standby: true }]);
    await expect(pgQuery(pair.replicaUrl, 'CREATE TEMP TABLE live_day (day date)')).rejects.toThrow(
      /read-only transaction/,
    );
    for (const path of ['engagement/page-views', 'engagement/active-users', 'marketing/utm-performance']) {
      const fromReplica = await report(t, path, CLOSED);
      const fromPrimary = await report(p, path, CLOSED);
      expect({ path, source: fromReplica.source }).toEqual({
        path,
        source: { rawDays: [], provisionalDays: [], missingDays: [], server: 'replica' },
      });
      expect(fromPrimary.source.server).toBe('primary');
      expect(withoutSource(fromReplica)).toEqual(withoutSource(fromPrimary));
    }
    // D3 is not rolled up: it is computed from raw events into temporary tables, on the primary.
    const withLiveDay = await report(t, 'engagement/page-views', { from: D1, to: D3 });
    expect(withLiveDay.source).toEqual({
      rawDays: [D3],
      provisionalDays: [],
      missingDays: [],
      server: 'primary',
    });
  });

  it('while the replica lags, gives its older answer, consistent, and keeps writes and own reads on the primary', async () => {
    const before = await report(t, 'engagement/page-views', CLOSED);
    const beforeActive = await report(t, 'engagement/active-users', CLOSED);
    await pair.pauseReplay();
    // On the primary meanwhile: more events on D2, D2 rolled up again, D3 rolled up, events today.
    await insertFixtureEvents(primary, events('b', [D2], 4));
    await t.app.get(AnalyticsRollupService).rollupRange(D2, D3);
    await insertFixtureEvents(primary, events('c', [TODAY], 3));

    const now = await report(p, 'engagement/page-views', CLOSED);
    expect(withoutSource(now)).not.toEqual(withoutSource(before));
    const lagging = await report(t, 'engagement/page-views', CLOSED);
    expect(lagging.source.server).toBe('replica');
    // The replica's ledger and aggregates are of the same moment: exactly the answer from before.
    expect(withoutSource(lagging)).toEqual(withoutSource(before));
    expect(withoutSource(await report(t, 'engagement/active-users', CLOSED))).toEqual(
      withoutSource(beforeActive),
    );
    // D3 is rolled up on the primary, not yet on the replica: the report goes to the primary.
    const withD3 = await report(t, 'engagement/page-views', { from: D1, to: D3 });
    expect(withD3.source).toEqual({ rawDays: [], provisionalDays: [], missingDays: [], server: 'primary' });
    expect(withoutSource(withD3)).toEqual(
      withoutSource(await report(p, 'engagement/page-views', { from: D1, to: D3 })),
    );
    // Today is always computed from raw events: on the primary, with today's events in it.
    const withToday = await report(t, 'engagement/page-views', { from: D2, to: TODAY });
    expect(withToday.source.server).toBe('primary');
    expect(withToday.source.rawDays).toContain(TODAY);

    // The dashboard covers today: its reports ran on the primary and show today's users.
    const dashboard = await backOffice.onReplicaApp.get('/admin/api/dashboard').expect(200);
    const active = dashboard.body.dailyActiveUsers as { day: string; value: number }[];
    expect(active.find((d) => d.day === TODAY)?.value).toBeGreaterThan(0);

    // The ledger's list page reads the replica: D3's rows are not there yet; the primary has them.
    expect(await ledgerDays(backOffice.onReplicaApp)).toEqual([D1, D2]);
    expect(await ledgerDays(backOffice.onPrimaryApp)).toEqual([D1, D2, D3]);

    // A write and the caller's read of it: both on the primary (the replica has neither).
    const learner = await createUserWithTokens(t, 'student');
    await request(t.http)
      .patch('/users/me')
      .set(learner.auth)
      .send({ name: 'Renamed on the primary' })
      .expect(200);
    const me = await request(t.http).get('/users/me').set(learner.auth).expect(200);
    expect(me.body.name).toBe('Renamed on the primary');
    const onReplica = await pgQuery(pair.replicaUrl, 'SELECT count(*)::int AS n FROM users WHERE id = $1', [
      learner.user.id,
    ]);
    expect(onReplica[0]?.n).toBe(0);
    // Learning reports (here registrations, from the users table) read the replica too.
    const registrations = async (app: TestApp) =>
      (
        await request(app.http)
          .get('/analytics/reports/engagement/registrations')
          .query({ from: TODAY, to: TODAY })
          .set(staff)
          .expect(200)
      ).body.totals.registrations as number;
    const registeredOnPrimary = await registrations(p);
    expect(await registrations(t)).toBe(registeredOnPrimary - 1);

    await pair.resumeReplay();
    await pair.caughtUp();
    const caughtUp = await report(t, 'engagement/page-views', CLOSED);
    expect(caughtUp.source.server).toBe('replica');
    expect(withoutSource(caughtUp)).toEqual(withoutSource(now));
    const d3FromReplica = await report(t, 'engagement/page-views', { from: D1, to: D3 });
    expect(d3FromReplica.source.server).toBe('replica');
    expect(await ledgerDays(backOffice.onReplicaApp)).toEqual([D1, D2, D3]);
    expect(await registrations(t)).toBe(registeredOnPrimary);
  });

  it('answers reports and back-office lists from the primary when the replica cannot be reached', async () => {
    const nowhere = `postgres://postgres:postgres@127.0.0.1:${await freePort()}/course_platform`;
    const down = await createTestApp(
      { JWT_SECRET: SHARED.JWT_SECRET, DATABASE_REPLICA_URL: nowhere },
      { db: { name: 'course_platform', url: pair.primaryUrl, drop: async () => undefined } },
    );
    try {
      const body = await report(down, 'engagement/page-views', CLOSED);
      expect(body.source.server).toBe('primary');
      expect(withoutSource(body)).toEqual(withoutSource(await report(p, 'engagement/page-views', CLOSED)));
      // The ORM's reads on the replica (learning reports, analytics lists) fall back too, after the
      // replica pool's wait for a connection.
      expect(await report(down, 'courses/enrolments', CLOSED)).toEqual(
        await report(p, 'courses/enrolments', CLOSED),
      );
      const account = await createAccount(down, 'staff');
      expect(await ledgerDays(await signIn(down, account))).toEqual(
        await ledgerDays(backOffice.onPrimaryApp),
      );
    } finally {
      await down.close();
    }
  });

  it('holds no more replica connections than its budget says, all of them named', async () => {
    const budget = Object.fromEntries(
      connectionBudget(t.config)
        .filter((pool) => pool.server === 'replica')
        .map((pool) => [`course-platform:${pool.name}`, pool.max]),
    );
    expect(budget).toEqual({ 'course-platform:reports-replica': 5, 'course-platform:orm-replica': 5 });
    const seen = await pgQuery(
      pair.replicaUrl,
      `SELECT application_name AS name, count(*)::int AS n FROM pg_stat_activity
        WHERE application_name LIKE 'course-platform:%' GROUP BY 1`,
    );
    expect(seen.map((s) => s.name).sort()).toEqual([
      'course-platform:orm-replica',
      'course-platform:reports-replica',
    ]);
    for (const { name, n } of seen) expect(n).toBeLessThanOrEqual(budget[name as string] ?? 0);
  });
});

async function pgQuery(url: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}
