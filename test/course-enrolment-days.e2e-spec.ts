import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from './utils/test-database.js';

/** The counts as they must be: recomputed from the enrolments. */
const EXPECTED = `SELECT course_id, (granted_at AT TIME ZONE 'UTC')::date::text AS day, count(*)::int AS enrolled
  FROM course_access GROUP BY 1, 2 ORDER BY 1, 2`;
/** Rows left at 0 by revocations are allowed (and ignored by the reports). */
const STORED = `SELECT course_id, day::text AS day, enrolled FROM course_enrolment_days WHERE enrolled <> 0 ORDER BY 1, 2`;

/**
 * course_enrolment_days follows every write of course_access, whoever makes it: plain SQL here (the
 * API and the back office write through the same statements), cascades, bulk and concurrent writes.
 */
describe('course_enrolment_days: enrolments per course and day follow every course_access write', () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`
      INSERT INTO users (id, email) SELECT 'u' || i, 'u' || i || '@example.com' FROM generate_series(1, 40) i;
      INSERT INTO courses (id, title, description, duration, level, type)
        SELECT 'c' || i, 'C' || i, 'D', 10, 'beginner', 'skill-based' FROM generate_series(1, 3) i;`);
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  const expectInSync = async () => {
    const stored = (await client.query(STORED)).rows;
    expect(stored).toEqual((await client.query(EXPECTED)).rows);
    const negative = await client.query(`SELECT 1 FROM course_enrolment_days WHERE enrolled < 0`);
    expect(negative.rowCount).toBe(0);
    return stored;
  };

  it('counts a bulk insert over several courses and UTC days (a grant just before midnight UTC on its day)', async () => {
    await client.query(`INSERT INTO course_access (id, user_id, course_id, granted_at)
      SELECT 'a' || i, 'u' || i, 'c' || (1 + i % 3), timestamptz '2026-03-01 23:59:59.999+00' + (i % 4) * interval '1 day'
      FROM generate_series(1, 30) i`);
    await client.query(`INSERT INTO course_access (id, user_id, course_id, granted_at)
      VALUES ('late', 'u31', 'c1', '2026-03-02 00:30:00+01')`);
    const rows = await expectInSync();
    expect(rows.find((r) => r.course_id === 'c1' && r.day === '2026-03-01')).toBeDefined();
    expect(rows.reduce((n, r) => n + r.enrolled, 0)).toBe(31);
  });

  it('follows a revocation, a re-grant, a moved grant date and an enrolment moved to another course', async () => {
    await client.query(`DELETE FROM course_access WHERE id IN ('a1', 'a2', 'a3')`);
    await expectInSync();
    await client.query(
      `INSERT INTO course_access (id, user_id, course_id, granted_at) VALUES ('a1-again', 'u1', 'c2', '2026-04-10T10:00:00Z')`,
    );
    await expectInSync();
    await client.query(
      `UPDATE course_access SET granted_at = granted_at + interval '5 days' WHERE course_id = 'c3'`,
    );
    await expectInSync();
    await client.query(`UPDATE course_access SET course_id = 'c1' WHERE id IN ('a4', 'a5')`);
    await expectInSync();
    // An update that changes nothing the counts depend on.
    await client.query(`UPDATE course_access SET id = id || '-x' WHERE id = 'a6'`);
    await expectInSync();
  });

  it('follows the cascades of a user delete and a course delete, and writes nothing on a rollback', async () => {
    await client.query(`DELETE FROM users WHERE id IN ('u7', 'u8')`);
    await expectInSync();
    await client.query(`DELETE FROM courses WHERE id = 'c3'`);
    await expectInSync();
    expect((await client.query(`SELECT 1 FROM course_enrolment_days WHERE course_id = 'c3'`)).rowCount).toBe(
      0,
    );
    await client.query('BEGIN');
    await client.query(`DELETE FROM course_access`);
    await client.query('ROLLBACK');
    expect((await expectInSync()).length).toBeGreaterThan(0);
  });

  it('stays exact under concurrent grants and revocations of one course and day', async () => {
    const clients = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const c = new pg.Client({ connectionString: db.url });
        await c.connect();
        return c;
      }),
    );
    try {
      await Promise.all(
        clients.map(async (c, k) => {
          for (let i = 32 + k; i <= 40; i += 4) {
            await c.query(
              `INSERT INTO course_access (id, user_id, course_id, granted_at) VALUES ($1, $2, 'c2', '2026-05-01T12:00:00Z')`,
              [`cc${i}`, `u${i}`],
            );
            await c.query(
              `INSERT INTO course_access (id, user_id, course_id, granted_at) VALUES ($1, $2, 'c1', '2026-05-01T12:00:00Z')
              ON CONFLICT DO NOTHING`,
              [`cd${i}`, `u${i}`],
            );
            if (i % 3 === 0) await c.query(`DELETE FROM course_access WHERE id = $1`, [`cc${i}`]);
          }
        }),
      );
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    await expectInSync();
  });

  it('is emptied by a truncate of course_access', async () => {
    await client.query(`TRUNCATE course_access`);
    expect(await expectInSync()).toEqual([]);
    expect((await client.query(`SELECT 1 FROM course_enrolment_days`)).rowCount).toBe(0);
  });
});
