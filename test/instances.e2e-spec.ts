import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { AnalyticsRollupService, ReportDeliveryJob } from '../src/modules/analytics/index.js';
import {
  addDays,
  daysBetween,
  listPartitions,
  partitionName,
  utcDay,
} from '../src/modules/analytics/rollup/index.js';
import { AuthPurgeJob } from '../src/modules/users/jobs/auth-purge.job.js';
import { buildFixtureEvents, insertFixtureEvents } from './fixtures/analytics-events.js';
import { makeTempDir, withClient } from './setup/test-postgres.js';
import { createAccount, formPost, signInAs } from './utils/admin.js';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { startAppProcess, whenReady, type AppProcess } from './utils/app-process.js';
import { startSmtpSink } from './utils/smtp.js';
import { createTestDatabase, type TestDatabase } from './utils/test-database.js';

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

/** What both instances share besides the database: the secrets, as every replica of a deployment does. */
const SHARED_ENV = {
  JWT_SECRET: 'instances-test-jwt-secret-0123456789abcdef',
  OTP_SECRET: 'instances-test-otp-secret-0123456789abcdef',
  ADMIN_SESSION_SECRET: 'instances-test-admin-secret-0123456789abcdef',
  TRUST_PROXY: 'true',
  AUTH_RATE_LIMIT_PER_MINUTE: '10',
};
const PER_IP_LIMIT = 10;

/**
 * Two instances of the app on one database behave as one: refresh tokens, rate limits, back-office
 * sessions and scheduled jobs live in PostgreSQL, not in either process. `a` and `b` are two
 * in-process instances (docs/scaling.md); the last block runs two real processes and stops one.
 */
describe('two instances on one database', () => {
  let a: TestApp;
  let b: TestApp;
  let smtp: Sink;
  const sql = <T>(text: string, params: unknown[] = []) =>
    a.orm.em.fork().getConnection().execute<T[]>(text, params);
  let clients = 0;
  /** A client address of its own per use (TRUST_PROXY): limits of one case do not spill into another. */
  const freshClient = () => `198.51.100.${++clients}`;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    a = await createTestApp({ ...SHARED_ENV, SMTP_URL: smtp.url });
    b = await createTestApp({ ...SHARED_ENV, SMTP_URL: smtp.url }, a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await smtp?.close();
  });

  describe('refresh tokens', () => {
    const refresh = (t: TestApp, refreshToken: string, client: string) =>
      request(t.http).post('/auth/refresh').set('X-Forwarded-For', client).send({ refreshToken });
    const familyRevoked = async (userId: string) =>
      (
        await sql<{ live: number }>(
          `SELECT count(*) FILTER (WHERE revoked_at IS NULL)::int AS live FROM auth_refresh_tokens WHERE user_id = ?`,
          [userId],
        )
      )[0]?.live === 0;

    it('one login moves between instances: each rotation is accepted wherever the next request lands', async () => {
      const client = freshClient();
      const s = await createUserWithTokens(a);
      let token = s.refreshToken;
      for (const t of [a, b, a, b]) {
        const res = await refresh(t, token, client).expect(200);
        token = res.body.refreshToken as string;
      }
      expect(await familyRevoked(s.user.id)).toBe(false);
    });

    it('a token rotated on A is spent on B, and the reuse ends the login on both', async () => {
      const client = freshClient();
      const s = await createUserWithTokens(a);
      const rotated = await refresh(a, s.refreshToken, client).expect(200);
      await refresh(b, s.refreshToken, client).expect(401);
      // The reuse revoked the family: the token A handed out is dead on both instances.
      const next = rotated.body.refreshToken as string;
      await refresh(a, next, client).expect(401);
      await refresh(b, next, client).expect(401);
      expect(await familyRevoked(s.user.id)).toBe(true);
    });

    it("B's rotation is spent on A", async () => {
      const client = freshClient();
      const s = await createUserWithTokens(a);
      const rotated = await refresh(b, s.refreshToken, client).expect(200);
      await refresh(a, s.refreshToken, client).expect(401);
      await refresh(b, rotated.body.refreshToken as string, client).expect(401);
      expect(await familyRevoked(s.user.id)).toBe(true);
    });

    it('the same token on both at once: one rotation wins, and the race counts as a reuse', async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const client = freshClient();
        const s = await createUserWithTokens(a);
        const answers = await Promise.all([
          refresh(a, s.refreshToken, client),
          refresh(b, s.refreshToken, client),
        ]);
        expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
        // The winner's new token belongs to the revoked family too, whichever request came last.
        const winner = answers.find((r) => r.status === 200)!;
        await refresh(b, winner.body.refreshToken as string, client).expect(401);
        expect(await familyRevoked(s.user.id)).toBe(true);
      }
    });
  });

  describe('rate limits', () => {
    const askCode = (t: TestApp, email: string, client = freshClient()) =>
      request(t.http).post('/auth/otp/request').set('X-Forwarded-For', client).send({ email });

    it('one login code a minute per address, whichever instance is asked', async () => {
      const email = `instances-otp-${Date.now()}@example.com`;
      await askCode(a, email).expect(202);
      const refused = await askCode(b, email).expect(429);
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      await smtp.waitFor(email);
      expect(smtp.inbox.filter((m) => m.to.includes(email))).toHaveLength(1);

      // A burst spread over both instances still sends one code.
      const burst = `instances-burst-${Date.now()}@example.com`;
      const answers = await Promise.all([a, b, a, b, a, b].map((t) => askCode(t, burst)));
      expect(answers.map((r) => r.status).sort()).toEqual([202, 429, 429, 429, 429, 429]);
    });

    it('a per-client limit split over both instances runs out at the same count as on one', async () => {
      const allowedOn = async (targets: TestApp[], client: string) => {
        let allowed = 0;
        for (let i = 0; i < PER_IP_LIMIT * 2; i++) {
          // A made-up refresh token: 401 while the limit allows the request, 429 once it does not.
          const res = await request(targets[i % targets.length]!.http)
            .post('/auth/refresh')
            .set('X-Forwarded-For', client)
            .send({ refreshToken: 'nobody.nothing' });
          if (res.status === 429) {
            expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
            break;
          }
          expect(res.status).toBe(401);
          allowed++;
        }
        return allowed;
      };
      expect(await allowedOn([a], freshClient())).toBe(PER_IP_LIMIT);
      expect(await allowedOn([a, b], freshClient())).toBe(PER_IP_LIMIT);
      // Refused requests spend nothing: the other instance refuses the same client too.
      const client = freshClient();
      expect(await allowedOn([b, a], client)).toBe(PER_IP_LIMIT);
      await request(a.http).post('/auth/refresh').set('X-Forwarded-For', client).send({}).expect(429);
    });
  });

  describe('back-office sessions', () => {
    const list = '/admin/api/resources/courses/actions/list';
    /** Signs in on `t` and returns the session cookie, to present to either instance (as a browser does). */
    const cookieFrom = async (t: TestApp, account: { email: string; password: string }) => {
      const res = await request(t.http)
        .post('/admin/login')
        .type('form')
        .send({ email: account.email, password: account.password })
        .expect(302);
      const cookie = String(res.headers['set-cookie']).split(';')[0]!;
      expect(cookie).toMatch(/^cp_admin=/);
      return cookie;
    };
    const page = (t: TestApp, cookie: string) => request(t.http).get(list).set('Cookie', cookie);

    it('a session from A works on B; signing out on A ends it on B at once', async () => {
      const cookie = await cookieFrom(a, await createAccount(a, 'staff'));
      await page(b, cookie).expect(200);
      await page(a, cookie).expect(200);
      await request(a.http).post('/admin/logout').set('Cookie', cookie).expect(303);
      await page(b, cookie).expect(401);
      await page(a, cookie).expect(401);
    });

    it('an admin ending a session on one instance, or demoting its user, ends it on the other', async () => {
      const staff = await createAccount(a, 'staff');
      const cookie = await cookieFrom(b, staff);
      await page(a, cookie).expect(200);
      const { agent: admin } = await signInAs(a, 'admin');
      const [session] = await sql<{ sid: string }>(
        `SELECT sid FROM admin_sessions WHERE sess->'adminUser'->>'id' = ?`,
        [staff.id],
      );
      await admin.post(`/admin/api/resources/admin_sessions/records/${session!.sid}/delete`).expect(200);
      await page(b, cookie).expect(401);

      // Demoted through the API on A: the session signed in on B is out on B at the next request.
      const again = await cookieFrom(b, staff);
      await page(b, again).expect(200);
      const boss = await createUserWithTokens(a, 'admin');
      await request(a.http).patch(`/users/${staff.id}`).set(boss.auth).send({ role: 'student' }).expect(200);
      await page(b, again).expect(401);
    });
  });

  describe('scheduled jobs run once per schedule', () => {
    /**
     * Both instances' ticks fire at once. Whichever takes the job's advisory lock first is held
     * mid-run on a table lock (its run takes a while, as a real run does), so the other instance's
     * tick certainly comes while the lock is held; then the held run is let go. Without the hold
     * a run of a few milliseconds can end before the other tick starts, which is the "late tick"
     * case, checked separately for each job.
     */
    async function fireTogether<T>(table: string, runs: (() => Promise<T>)[]): Promise<T[]> {
      const holder = new pg.Client({ connectionString: a.db.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
        const started = runs.map((run) => run());
        // The instance that did not get the job's lock answers while the other waits on the table.
        await Promise.race(started);
        await holder.query('COMMIT');
        return await Promise.all(started);
      } finally {
        await holder.end();
      }
    }

    it('the auth purge: one instance deletes, the other stands aside', async () => {
      const purge = (t: TestApp) => () => t.app.get(AuthPurgeJob).run();
      const expire = async (round: number) => {
        await sql(
          `INSERT INTO auth_otp_codes (email, code_hash, attempts, expires_at, created_at)
           SELECT 'purge-' || ? || '-' || g || '@example.com', 'x', 0, now() - interval '1 hour', now() - interval '2 hours'
           FROM generate_series(1, 40) g`,
          [round],
        );
        await sql(
          `INSERT INTO rate_limit_counters (key, window_start, hits, expires_at, last_hit_at)
           SELECT 'purge-' || ? || '-' || g, now() - interval '3 hours', 1, now() - interval '1 hour', now() - interval '3 hours'
           FROM generate_series(1, 30) g`,
          [round],
        );
      };
      for (let round = 1; round <= 3; round++) {
        await expire(round);
        const outcomes = await fireTogether('auth_otp_codes', [purge(a), purge(b)]);
        expect(outcomes.filter((o) => o === undefined)).toHaveLength(1);
        expect(outcomes.find((o) => o !== undefined)).toEqual({
          otpCodes: 40,
          refreshTokens: 0,
          rateLimitCounters: 30,
        });
      }
      // A late tick (the other instance's clock a little behind) finds nothing left to do.
      await expire(4);
      const first = await purge(a)();
      const late = await purge(b)();
      expect(first).toEqual({ otpCodes: 40, refreshTokens: 0, rateLimitCounters: 30 });
      expect(late).toEqual({ otpCodes: 0, refreshTokens: 0, rateLimitCounters: 0 });
    });

    it('report delivery: each due report is sent once', async () => {
      const { agent } = await signInAs(a, 'staff');
      const ids: string[] = [];
      for (const name of ['Instances one', 'Instances two']) {
        const res = await formPost(agent, '/admin/api/resources/report_subscriptions/actions/new', {
          name,
          report: 'engagement/active-users',
          filters: '{"granularity":"day"}',
          range: 'last_7_days',
          schedule: '0 7 * * *',
          'recipients.0': `${name.replace(' ', '-').toLowerCase()}@example.com`,
        }).expect(200);
        expect(res.body.record?.errors ?? {}).toEqual({});
        ids.push(res.body.record.id as string);
      }
      const makeDue = () =>
        sql(
          `UPDATE report_subscriptions SET next_run_at = now() - interval '1 minute' WHERE id = ANY(?::text[])`,
          [`{${ids.join(',')}}`],
        );
      const deliver = (t: TestApp) => () => t.app.get(ReportDeliveryJob).run();
      for (let round = 1; round <= 3; round++) {
        await makeDue();
        const before = smtp.inbox.length;
        const outcomes = await fireTogether('report_deliveries', [deliver(a), deliver(b)]);
        expect(outcomes.filter((o) => !o.ran)).toHaveLength(1);
        expect(outcomes.find((o) => o.ran)).toEqual({ ran: true, result: { sent: 2, failed: 0 } });
        expect(smtp.inbox.length - before).toBe(2);
      }
      await makeDue();
      const first = await deliver(a)();
      const late = await deliver(b)();
      expect(first).toEqual({ ran: true, result: { sent: 2, failed: 0 } });
      expect(late).toEqual({ ran: true, result: { sent: 0, failed: 0 } });
      const deliveries = await sql<{ subscription_id: string; n: number }>(
        `SELECT subscription_id, count(*)::int AS n FROM report_deliveries
         WHERE subscription_id = ANY(?::text[]) AND status = 'sent' GROUP BY 1 ORDER BY 1`,
        [`{${ids.join(',')}}`],
      );
      expect(deliveries.map((d) => d.n)).toEqual([4, 4]);
    });

    it('the daily rollup: every day is rolled up by one instance per run', async () => {
      const today = utcDay(new Date());
      const closed = daysBetween(addDays(today, -5), addDays(today, -1));
      const client = new pg.Client({ connectionString: a.db.url });
      await client.connect();
      try {
        // Keep the run short: only five closed days (a fresh database has ninety empty ones).
        for (const { day } of await listPartitions(client)) {
          if (day < closed[0]!) await client.query(`DROP TABLE ${partitionName(day)}`);
        }
        const events = buildFixtureEvents(closed, 3);
        await insertFixtureEvents(client, events);
        const rollup = (t: TestApp) => () => t.app.get(AnalyticsRollupService).runDaily();
        const eventsPerDay = async () =>
          (
            await client.query<{ day: string; events: number }>(
              `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(events)::int AS events
               FROM analytics_daily_events GROUP BY day ORDER BY day`,
            )
          ).rows;
        const expected = closed.map((day) => ({
          day,
          events: events.filter((e) => utcDay(e.timestamp) === day).length,
        }));

        // The first night rolls up all five days; later nights re-roll the three most recent
        // (late events may still arrive for them), the two older ones being sealed.
        for (const days of [closed, closed.slice(2), closed.slice(2)]) {
          const outcomes = await fireTogether('analytics_rollup_ledger', [rollup(a), rollup(b)]);
          expect(outcomes.filter((o) => !o.ran)).toHaveLength(1);
          const ran = outcomes.find((o) => o.ran);
          expect(ran?.ran && ran.result.rolledUp.map((d) => d.day)).toEqual(days);
          expect(ran?.ran && ran.result.failed).toEqual([]);
          expect(await eventsPerDay()).toEqual(expected);
        }
        // A late tick repeats the re-rolls; each replaces the day's rows, so nothing is counted twice.
        const late = await rollup(b)();
        expect(late.ran && late.result.rolledUp.map((d) => d.day)).toEqual(closed.slice(2));
        expect(await eventsPerDay()).toEqual(expected);
      } finally {
        await client.end();
      }
    });
  });
});

/**
 * Two real app processes (`src/main.ts`, as `npm start` runs it) on one database, both ingest-only
 * (`JOBS_ENABLED=false`, `ADMIN_ENABLED=false`); clients post events with ids of their own through
 * both, and one instance gets SIGTERM mid-stream. A client whose request fails (connection refused
 * or reset, or any answer but 201) sends the same batch to the other instance, as a load balancer
 * retries, and only a 201 counts as acknowledged.
 */
describe('SIGTERM on one of two instances while clients ingest through both', () => {
  let db: TestDatabase;
  let outbox: { path: string; remove(): Promise<void> };
  let instances: AppProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(); // already migrated: both instances start at once
    outbox = await makeTempDir('cp-instances-outbox-');
  });
  afterAll(async () => {
    for (const instance of instances)
      if (instance.process.exitCode === null) instance.process.kill('SIGKILL');
    await Promise.all(instances.map((instance) => instance.exited));
    await db?.drop();
    await outbox?.remove();
  });

  const start = (): AppProcess =>
    startAppProcess(db.url, {
      OUTBOX_DIR: outbox.path,
      SEED_ON_EMPTY: 'false',
      JOBS_ENABLED: 'false',
      ADMIN_ENABLED: 'false',
    });

  it('loses no acknowledged event, stores none twice, and the stopped instance exits 0', async () => {
    instances = [start(), start()];
    const deadline = Date.now() + 40_000;
    const ports = await Promise.all(instances.map((instance) => whenReady(instance, deadline)));

    const acknowledged: string[] = [];
    const ackedBy = [0, 0];
    const failures = new Map<string, number>(); // what a failed attempt got: a status or an error code
    let failovers = 0;
    let running = true;
    const post = async (port: number, events: object[]): Promise<string> => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/analytics/events`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ events }),
        });
        await res.arrayBuffer();
        return String(res.status);
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        return cause?.code ?? 'fetch failed';
      }
    };
    const client = async (n: number) => {
      let target = n % 2;
      while (running) {
        const events = Array.from({ length: 1 + (n % 3) }, () => ({
          id: randomUUID(),
          eventType: 'we_page_load',
          page: `/instances/${n}`,
          sessionId: `instances-${n}`,
        }));
        // The same batch, same ids, until an instance acknowledges it: a retry of a batch that
        // was committed after all is stored once.
        for (let attempt = 0; ; attempt++) {
          const outcome = await post(ports[target]!, events);
          if (outcome === '201') {
            for (const event of events) acknowledged.push(event.id);
            ackedBy[target]!++;
            break;
          }
          failures.set(outcome, (failures.get(outcome) ?? 0) + 1);
          if (attempt > 50) throw new Error(`batch refused ${attempt} times: last ${outcome}`);
          target = 1 - target;
          failovers++;
        }
      }
    };

    const clients = Array.from({ length: 8 }, (_, n) => client(n));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const beforeStop = [...ackedBy];
    instances[0]!.process.kill('SIGTERM');
    const exitCode = await instances[0]!.exited;
    const atExit = [...ackedBy];
    await new Promise((resolve) => setTimeout(resolve, 1000));
    running = false;
    await Promise.all(clients);

    expect(exitCode).toBe(0);
    // The stop came mid-stream: both instances had acknowledged events, the survivor went on.
    expect(beforeStop[0]).toBeGreaterThan(0);
    expect(beforeStop[1]).toBeGreaterThan(0);
    expect(ackedBy[1]! - atExit[1]!).toBeGreaterThan(0);
    expect(failovers).toBeGreaterThan(0);
    // What failed were connections (refused, or closed under a request sent on a keep-alive
    // connection as the server shut it): the stopping instance answered no request with an error.
    expect([...failures.keys()].filter((outcome) => /^\d+$/.test(outcome))).toEqual([]);
    const stored = await withClient(db.url, async (c) => {
      const { rows } = await c.query<{ id: string; n: number }>(
        `SELECT id, count(*)::int AS n FROM analytics_events WHERE id = ANY($1::text[]) GROUP BY id`,
        [acknowledged],
      );
      const { rows: twice } = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT id FROM analytics_events GROUP BY id HAVING count(*) > 1) t`,
      );
      return { rows, twice: twice[0]?.n };
    });
    expect(stored.twice).toBe(0);
    expect(stored.rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(stored.rows).toHaveLength(acknowledged.length);
  });
});
