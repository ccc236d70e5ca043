import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type TestAgent from 'supertest/lib/agent.js';
import { formPost, signInAs } from './utils/admin.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const api = '/admin/api/resources';

/** What a staff member may do with a table, and what an admin may. */
const WRITABLE_BY_STAFF = new Set([
  'users',
  'courses',
  'modules',
  'topics',
  'classes',
  'course_access',
  'user_progress',
  'report_subscriptions',
]);
/** Tables staff cannot even list: secrets, sessions, system data. */
const ADMIN_ONLY = new Set([
  'admin_sessions',
  'auth_refresh_tokens',
  'auth_otp_codes',
  'rate_limit_counters',
  'analytics_event_ids',
  'audit_events',
  'api_keys',
  'mikro_orm_migrations',
]);

interface ListedRecord {
  id: string;
  params: Record<string, unknown>;
  populated: Record<string, { title: string; id: string } | null>;
}

describe('back office: every table of the database', () => {
  let t: TestApp;
  let admin: TestAgent;
  let staff: TestAgent;
  const sql = <T extends object>(query: string, params: unknown[] = []) =>
    t.orm.em.fork().getConnection().execute<T[]>(query, params);

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await signInAs(t, 'admin')).agent;
    staff = (await signInAs(t, 'staff')).agent;
  });
  afterAll(() => t.close());

  /** The database's own list: tables of `public`, partitions left out (their parent stands for them). */
  async function tables(): Promise<string[]> {
    const rows = await sql<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  }

  it('lists every table, derived and internal ones read-only, admin-only where they hold secrets or system data', async () => {
    const all = await tables();
    expect(all.length).toBeGreaterThan(35);
    expect(all).toEqual(expect.arrayContaining(['mikro_orm_migrations', 'user_course_progress']));
    const refusals: string[] = [];
    for (const table of all) {
      const asAdmin = await admin.get(`${api}/${table}/actions/list`);
      if (asAdmin.status !== 200) refusals.push(`${table}: admin list ${asAdmin.status}`);
      const asStaff = await staff.get(`${api}/${table}/actions/list`);
      const staffMayList = !ADMIN_ONLY.has(table);
      if (asStaff.status !== (staffMayList ? 200 : 403))
        refusals.push(`${table}: staff list ${asStaff.status}`);
      // Only the tables staff manage accept a new record; the form's contents do not matter here.
      const created = await formPost(staff, `${api}/${table}/actions/new`, {});
      if (!WRITABLE_BY_STAFF.has(table) && created.status !== 403)
        refusals.push(`${table}: staff create ${created.status}`);
      if (!WRITABLE_BY_STAFF.has(table) && table !== 'api_keys') {
        const byAdmin = await formPost(admin, `${api}/${table}/actions/new`, {});
        if (byAdmin.status !== 403) refusals.push(`${table}: admin create ${byAdmin.status}`);
      }
    }
    expect(refusals).toEqual([]);
  });

  it('addresses rows whose key holds a text[] by the whole list (two lists that join to the same text stay apart)', async () => {
    await sql(
      `INSERT INTO analytics_daily_chain_members (metric, member, keys, day, prev_day)
       VALUES ('course_viewers', 'user-1', ARRAY['a,b', 'c'], '2026-11-01', NULL),
              ('course_viewers', 'user-1', ARRAY['a', 'b,c'], '2026-11-01', '2026-10-30')`,
    );
    const listed = await staff
      .get(`${api}/analytics_daily_chain_members/actions/list`)
      .query({ 'filters.member': 'user-1' })
      .expect(200);
    const records = listed.body.records as ListedRecord[];
    expect(records.map((r) => r.params['keys.0']).sort()).toEqual(['a', 'a,b']);
    for (const record of records) {
      const shown = await staff
        .get(`${api}/analytics_daily_chain_members/records/${record.id}/show`)
        .expect(200);
      expect(shown.body.record.params).toMatchObject({
        'keys.0': record.params['keys.0'],
        'keys.1': record.params['keys.1'],
        prevDay: record.params.prevDay,
      });
    }
    const [one, other] = records;
    expect(one?.id).not.toEqual(other?.id);
    // Read-only: neither edited nor deleted, by staff or an admin.
    await admin.post(`${api}/analytics_daily_chain_members/records/${one?.id}/delete`).expect(403);
    await formPost(staff, `${api}/analytics_daily_chain_members/records/${one?.id}/edit`, {
      member: 'x',
    }).expect(403);
    // An id that decodes to the wrong shape (a string for the list) finds nothing rather than erring.
    const wrongShape = Buffer.from(
      JSON.stringify(['course_viewers', 'user-1', 'a,b', '2026-11-01']),
    ).toString('base64url');
    const missing = await staff.get(`${api}/analytics_daily_chain_members/records/${wrongShape}/show`);
    expect(missing.status).toBeLessThan(500);
    expect(missing.body.record?.params?.member).toBeUndefined();
  });

  it('shows aggregates’ course and class ids as their titles, linked to the record', async () => {
    await sql(
      `INSERT INTO courses (id, title, description, duration, level, type)
       VALUES ('c-agg', 'Statistics for Humans', 'd', 60, 'beginner', 'skill-based')`,
    );
    await sql(
      `INSERT INTO analytics_daily_content (day, course_id, class_id, event_type, event_action, events, watch_seconds)
       VALUES ('2026-11-02', 'c-agg', NULL, 'course_event', 'course_viewed', 3, 0)`,
    );
    const listed = await staff
      .get(`${api}/analytics_daily_content/actions/list`)
      .query({ 'filters.courseId': 'c-agg' })
      .expect(200);
    const [row] = listed.body.records as ListedRecord[];
    expect(row?.params.courseId).toBe('c-agg');
    expect(row?.populated.courseId?.title).toBe('Statistics for Humans');
  });

  it('shows the migration history to admins, read-only', async () => {
    const listed = await admin
      .get(`${api}/mikro_orm_migrations/actions/list`)
      .query({ perPage: 500, sortBy: 'id', direction: 'asc' })
      .expect(200);
    const names = (listed.body.records as ListedRecord[]).map((r) => String(r.params.name));
    const applied = await sql<{ name: string }>(`SELECT name FROM mikro_orm_migrations ORDER BY id`);
    expect(names).toEqual(applied.map((r) => r.name));
    expect(names.length).toBeGreaterThan(10);
    const filtered = await admin
      .get(`${api}/mikro_orm_migrations/actions/list`)
      .query({ 'filters.name': 'catalog_order' })
      .expect(200);
    expect((filtered.body.records as ListedRecord[]).map((r) => r.params.name)).toEqual([
      'Migration20261207110000_catalog_order_unique',
    ]);
    const first = (listed.body.records as ListedRecord[])[0];
    await admin.get(`${api}/mikro_orm_migrations/records/${first?.id}/show`).expect(200);
    await admin.post(`${api}/mikro_orm_migrations/records/${first?.id}/delete`).expect(403);
    await formPost(admin, `${api}/mikro_orm_migrations/records/${first?.id}/edit`, { name: 'x' }).expect(403);
    expect((await sql(`SELECT 1 FROM mikro_orm_migrations`)).length).toBe(applied.length);
  });
});
