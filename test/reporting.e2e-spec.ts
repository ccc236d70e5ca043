import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TABLE_COMMENTS } from '../src/app/entities.js';
import { grantReadOnlyRole, RoleNameError, roleUrl } from '../src/infra/database/readonly-role.js';
import { withClient } from './setup/test-postgres.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const SPEC_TABLES = [
  'users',
  'courses',
  'modules',
  'topics',
  'classes',
  'user_progress',
  'course_access',
  'analytics_events',
];

/**
 * The database as an analyst meets it in Metabase: every spec table, daily aggregate and their
 * columns described; `reporting` views with titles and plain names that agree with the tables
 * they summarise; a read-only role that sees those and nothing secret or internal.
 */
describe('reporting: comments, views and the read-only role', () => {
  let t: TestApp;
  const roles: string[] = [];
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    t.orm.em.getConnection().execute<T[]>(text, params);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    for (const role of roles) await sql(`DROP OWNED BY "${role}"`).then(() => sql(`DROP ROLE "${role}"`));
    await t.close();
  });

  it('describes every table and column of the spec and of the daily aggregates', async () => {
    const tables = await sql<{ table_name: string; described: boolean }>(
      `SELECT c.relname AS table_name, obj_description(c.oid, 'pg_class') IS NOT NULL AS described
       FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
         AND (c.relname IN (?) OR c.relname LIKE 'analytics\\_daily\\_%')`,
      [SPEC_TABLES],
    );
    expect(tables.length).toBeGreaterThanOrEqual(SPEC_TABLES.length + 19);
    expect(tables.filter((r) => !r.described).map((r) => r.table_name)).toEqual([]);
    const undescribed = await sql<{ col: string }>(
      `SELECT a.attrelid::regclass || '.' || a.attname AS col
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
         AND (c.relname IN (?) OR c.relname LIKE 'analytics\\_daily\\_%')
         AND a.attnum > 0 AND NOT a.attisdropped AND col_description(a.attrelid, a.attnum) IS NULL`,
      [SPEC_TABLES],
    );
    expect(undescribed.map((r) => r.col)).toEqual([]);
    const [courses] = await sql<{ d: string }>(
      `SELECT col_description(attrelid, attnum) AS d FROM pg_attribute WHERE attrelid = 'courses'::regclass AND attname = 'duration'`,
    );
    expect(courses?.d).toBe('Total duration in minutes.');
  });

  it('summarises UTM per day with distinct sessions and users, and names funnel steps', async () => {
    const day = '2026-01-15';
    const rows = [
      ['google', 's1', 'u1', 3, 2, 1, true],
      ['google', 's1', 'u1', 1, 0, 0, false],
      ['google', 's2', null, 2, 2, 0, false],
      ['google', 's3', 'u1', 1, 1, 0, false],
    ];
    let n = 0;
    for (const [source, session, user, events, views, logins, registered] of rows) {
      await sql(
        `INSERT INTO analytics_daily_utm (day, row_no, utm_source, utm_medium, utm_campaign, session_id, user_id, events,
           page_views, logins, logged_in_events, registered, first_at, last_at)
         VALUES (?, ?, ?, 'cpc', 'winter', ?, ?, ?, ?, ?, 0, ?, now(), now())`,
        [day, ++n, source, session, user, events, views, logins, registered],
      );
    }
    const [utm] = await sql(`SELECT * FROM reporting.daily_utm WHERE day = ? AND utm_source = 'google'`, [
      day,
    ]);
    expect(utm).toMatchObject({
      sessions: '3',
      users: '1',
      events: '7',
      page_views: '5',
      logins: '1',
      registrations: '1',
    });

    for (const [step, sessions] of [
      [1, 200],
      [2, 150],
      [6, 50],
      [7, 40],
    ])
      await sql(`INSERT INTO analytics_daily_login_funnel (day, step, sessions) VALUES (?, ?, ?)`, [
        day,
        step,
        sessions,
      ]);
    const funnel = await sql(
      `SELECT step, step_name, sessions, percent_of_first_step FROM reporting.daily_login_funnel WHERE day = ? ORDER BY step`,
      [day],
    );
    expect(funnel).toEqual([
      { step: 1, step_name: 'login page viewed', sessions: 200, percent_of_first_step: '100.0' },
      { step: 2, step_name: 'login button clicked', sessions: 150, percent_of_first_step: '75.0' },
      { step: 6, step_name: 'login success', sessions: 50, percent_of_first_step: '25.0' },
      { step: 7, step_name: 'dashboard reached', sessions: 40, percent_of_first_step: '20.0' },
    ]);
  });

  it('puts course and class titles next to their ids', async () => {
    const klass = {
      course_id: 'rep-course',
      course_title: 'Reporting 101',
      class_id: 'rep-class',
      class_title: 'Views',
    };
    await sql(
      `INSERT INTO courses (id, title, description, duration, level, type) VALUES (?, ?, 'd', 60, 'beginner', 'x')`,
      [klass.course_id, klass.course_title],
    );
    await sql(`INSERT INTO topics (id, course_id, title, "order") VALUES ('rep-topic', ?, 't', 1)`, [
      klass.course_id,
    ]);
    await sql(
      `INSERT INTO classes (id, topic_id, title, content_type, duration, "order") VALUES (?, 'rep-topic', ?, 'text', 60, 1)`,
      [klass.class_id, klass.class_title],
    );
    await sql(
      `INSERT INTO analytics_daily_content (day, course_id, class_id, event_type, event_action, milestone, events, watch_seconds)
       VALUES ('2026-01-16', ?, ?, 'class_event', 'class_completed', NULL, 4, 0), ('2026-01-16', 'gone', 'gone', 'class_event', 'class_started', NULL, 1, 0)`,
      [klass.course_id, klass.class_id],
    );
    const content = await sql(
      `SELECT course_title, class_title, events FROM reporting.daily_content WHERE day = '2026-01-16' ORDER BY events DESC`,
    );
    expect(content).toEqual([
      { course_title: klass.course_title, class_title: klass.class_title, events: 4 },
      { course_title: null, class_title: null, events: 1 }, // deleted since: the id stays, no title
    ]);
  });

  it('has every reporting view described and answering', async () => {
    const views = await sql<{ name: string; described: boolean }>(
      `SELECT c.relname AS name, obj_description(c.oid, 'pg_class') IS NOT NULL AS described
       FROM pg_class c WHERE c.relnamespace = 'reporting'::regnamespace AND c.relkind = 'v' ORDER BY 1`,
    );
    expect(views.length).toBeGreaterThanOrEqual(12);
    expect(views.filter((v) => !v.described)).toEqual([]);
    for (const { name } of views) await sql(`SELECT * FROM reporting."${name}" LIMIT 1`);
  });

  describe('the read-only role', () => {
    const name = `metabase_${randomBytes(4).toString('hex')}`;
    let password = randomBytes(12).toString('base64url');
    const asRole = <T>(body: (client: pg.Client) => Promise<T>) =>
      withClient(roleUrl(t.db.url, name, password), body);
    const denied = (client: pg.Client, text: string) =>
      client.query(text).then(
        () => 'allowed',
        (error: { code?: string }) => error.code,
      );

    beforeAll(async () => {
      roles.push(name);
      await withClient(t.db.url, (client) => grantReadOnlyRole(client, name, password, TABLE_COMMENTS));
    });

    it('reads the spec tables, the daily aggregates and the reporting views', async () => {
      await asRole(async (client) => {
        for (const table of [
          ...SPEC_TABLES.filter((x) => x !== 'users'),
          'analytics_daily_events',
          'analytics_daily_utm',
          'reporting.daily_utm',
          'reporting.course_progress',
        ])
          await client.query(`SELECT * FROM ${table} LIMIT 1`);
        await client.query(`SELECT id, email, name, role FROM users LIMIT 1`);
        // Its search path starts with the views: an analyst's `daily_utm` is the summary.
        await client.query(`SELECT sessions FROM daily_utm LIMIT 1`);
      });
    });

    it('reads nothing secret or internal, and writes nowhere', async () => {
      const [partition] = await sql<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'analytics_events'::regclass LIMIT 1`,
      );
      await asRole(async (client) => {
        for (const table of [
          'auth_refresh_tokens',
          'auth_otp_codes',
          'admin_sessions',
          'api_keys',
          'analytics_event_ids',
          'rate_limit_counters',
          'audit_events',
          'mikro_orm_migrations',
          'analytics_daily_chain_members',
          `"${partition?.name}"`,
        ])
          expect({ table, result: await denied(client, `SELECT * FROM ${table} LIMIT 1`) }).toEqual({
            table,
            result: '42501',
          });
        expect(await denied(client, `SELECT password_hash FROM users LIMIT 1`)).toBe('42501');
        expect(await denied(client, `UPDATE courses SET title = title`)).toMatch(/^(42501|25006)$/);
        expect(await denied(client, `CREATE TABLE public.mine (x int)`)).toMatch(/^(42501|25006)$/);
        await client.query('SET default_transaction_read_only = off');
        expect(
          await denied(client, `INSERT INTO course_access (id, user_id, course_id) VALUES ('x', 'y', 'z')`),
        ).toBe('42501');
      });
    });

    it('is brought up to date by running again: a new password, the same grants', async () => {
      const old = password;
      password = randomBytes(12).toString('base64url');
      await withClient(t.db.url, (client) => grantReadOnlyRole(client, name, password, TABLE_COMMENTS));
      await asRole((client) => client.query('SELECT 1 FROM courses LIMIT 1'));
      await expect(withClient(roleUrl(t.db.url, name, old), (c) => c.query('SELECT 1'))).rejects.toThrow();
      await expect(
        withClient(t.db.url, (client) =>
          grantReadOnlyRole(client, 'Robert"; DROP TABLE users; --', 'x', TABLE_COMMENTS),
        ),
      ).rejects.toBeInstanceOf(RoleNameError);
    });

    it('is what `npm run db:create-readonly-role` makes, printing the URL', async () => {
      const cliRole = `${name}_cli`;
      roles.push(cliRole);
      const child = spawn(
        process.execPath,
        ['--import', './test/support/ts-loader.mjs', 'src/cli/readonly-role.ts', '--name', cliRole],
        {
          env: { PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: t.db.url, LOG_LEVEL: 'silent' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect({ code, out }).toEqual({ code: 0, out: expect.stringContaining('Connection URL: postgres') });
      const url = /Connection URL: (\S+)/.exec(out)?.[1] ?? '';
      expect(new URL(url).username).toBe(cliRole);
      await withClient(url, (client) => client.query('SELECT count(*) FROM reporting.daily_events'));
    }, 60_000);
  });
});
