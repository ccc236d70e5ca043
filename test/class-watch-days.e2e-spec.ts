import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { createUserWithTokens } from './utils/auth.js';
import { createCourseFixture, type CourseFixture } from './utils/course-fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/** The summary as it must be: recounted from the progress rows, per class and UTC day. */
const EXPECTED = `SELECT class_id, ((last_watched_at AT TIME ZONE 'UTC')::date)::text AS day, count(*)::int AS learners,
    sum(watched_duration)::text AS watched_seconds, (count(*) FILTER (WHERE is_completed))::int AS completed
  FROM user_progress GROUP BY 1, 2 ORDER BY 1, 2`;
const STORED = `SELECT class_id, day::text AS day, learners, watched_seconds::text AS watched_seconds, completed
  FROM class_watch_days ORDER BY 1, 2`;

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

describe('class_watch_days: the per-class daily watch summary follows every progress write', () => {
  let t: TestApp;
  let client: pg.Client;
  let staff: { Authorization: string };
  let courses: CourseFixture[];
  let classes: string[];
  const api = () => request(t.http);
  const rnd = random(13);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

  beforeAll(async () => {
    t = await createTestApp();
    client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    // Not UTC, so a day computed in the session's zone instead of UTC would show.
    await client.query(`SET TIME ZONE 'America/New_York'`);
    staff = (await createUserWithTokens(t, 'staff')).auth;
    courses = [await createCourseFixture(t, staff), await createCourseFixture(t, staff)];
    classes = courses.flatMap((f) => Object.values(f.classes).flat());
  });
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  const expectInSync = async () => {
    const stored = (await client.query(STORED)).rows;
    expect(stored).toEqual((await client.query(EXPECTED)).rows);
    return stored;
  };

  it('follows concurrent heartbeats of several learners on the same classes', async () => {
    const learners = await Promise.all([1, 2, 3].map(() => createUserWithTokens(t, 'student')));
    const [f] = courses;
    for (const s of learners)
      await api().post(`/courses/${f?.courseId}/access`).set(staff).send({ userId: s.user.id }).expect(201);
    const own = Object.values(f?.classes ?? {}).flat();
    await Promise.all(
      learners.flatMap((s) =>
        own.flatMap((classId) =>
          [10, 20].map((watchedSeconds) =>
            api()
              .put(`/progress/classes/${classId}`)
              .set(s.auth)
              .send({ watchedSeconds, completed: watchedSeconds === 20 })
              .expect(200),
          ),
        ),
      ),
    );
    const rows = await expectInSync();
    expect(rows.reduce((n, r) => n + r.learners, 0)).toBe(learners.length * own.length);
  });

  it('follows random inserts, updates (day, class, seconds, completion) and deletes, single and bulk', async () => {
    const users = Array.from({ length: 30 }, (_, i) => `cwd-user-${i}`);
    for (const id of users)
      await client.query(`INSERT INTO users (id, email) VALUES ($1, $2)`, [id, `${id}@example.com`]);
    // Days around UTC midnight, where the session's zone (New York) and UTC disagree.
    const moments = [
      '2026-11-01T23:59:59.999Z',
      '2026-11-02T00:00:00Z',
      '2026-11-02T04:30:00Z',
      '2026-11-02T05:00:00Z',
      '2026-11-05T12:00:00Z',
    ];
    let next = 0;
    for (let round = 0; round < 12; round++) {
      // A multi-row insert of pairs not present yet.
      const rows: unknown[][] = [];
      for (let i = 0; i < 8; i++)
        rows.push([
          `cwd-p-${next++}`,
          pick(users),
          pick(classes),
          Math.floor(rnd() * 600),
          rnd() < 0.4,
          pick(moments),
        ]);
      const values = rows.map(
        (_, i) =>
          `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6}::timestamptz)`,
      );
      await client.query(
        `INSERT INTO user_progress (id, user_id, class_id, watched_duration, is_completed, last_watched_at)
         VALUES ${values.join(', ')} ON CONFLICT (user_id, class_id) DO NOTHING`,
        rows.flat(),
      );
      await expectInSync();
      // One row: seconds, completion and day at once.
      await client.query(
        `UPDATE user_progress SET watched_duration = watched_duration + $1, is_completed = NOT is_completed, last_watched_at = $2
         WHERE id = (SELECT id FROM user_progress ORDER BY md5(id || $3) LIMIT 1)`,
        [Math.floor(rnd() * 100), pick(moments), round],
      );
      await expectInSync();
      // Bulk: a random third of the rows to another moment (some the same day, some another).
      await client.query(
        `UPDATE user_progress SET last_watched_at = $1, watched_duration = watched_duration * 2 WHERE md5(id || $2) < '5'`,
        [pick(moments), round],
      );
      await expectInSync();
      // A row moved to another class (as the back office may), where the learner has none.
      await client.query(
        `UPDATE user_progress up SET class_id = (SELECT k.id FROM classes k WHERE NOT EXISTS
             (SELECT 1 FROM user_progress o WHERE o.user_id = up.user_id AND o.class_id = k.id) ORDER BY md5(k.id || $1) LIMIT 1)
         WHERE up.id = (SELECT id FROM user_progress WHERE user_id LIKE 'cwd-%' ORDER BY md5(id || $1) LIMIT 1)`,
        [round],
      );
      await expectInSync();
      // An update that changes nothing counted, and one that changes nothing at all.
      await client.query(`UPDATE user_progress SET last_position = $1 WHERE md5(id || $2) < '8'`, [
        round,
        round,
      ]);
      await client.query(`UPDATE user_progress SET watched_duration = watched_duration WHERE false`);
      await expectInSync();
      // Deletes: one row, then a random slice.
      await client.query(
        `DELETE FROM user_progress WHERE id = (SELECT id FROM user_progress ORDER BY md5(id || $1) LIMIT 1)`,
        [`d${round}`],
      );
      await client.query(`DELETE FROM user_progress WHERE md5(id || $1) < '2'`, [`s${round}`]);
      await expectInSync();
    }
    // Rolled back: nothing of it stays.
    await client.query('BEGIN');
    await client.query(`UPDATE user_progress SET last_watched_at = '2026-10-01T00:00:00Z'`);
    await client.query('ROLLBACK');
    const rows = await expectInSync();
    expect(rows.length).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => r.day)).size).toBeGreaterThan(2);
  });

  it('follows cascades from deleted users, classes and courses, and a truncate', async () => {
    const holders = await client.query<{ user_id: string }>(
      `SELECT user_id FROM user_progress GROUP BY 1 ORDER BY count(*) DESC LIMIT 2`,
    );
    await client.query(`DELETE FROM users WHERE id = ANY($1)`, [holders.rows.map((r) => r.user_id)]);
    await expectInSync();
    const [first, second] = courses;
    const busiest = await client.query<{ class_id: string }>(
      `SELECT class_id FROM user_progress WHERE class_id = ANY($1) GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      [Object.values(first?.classes ?? {}).flat()],
    );
    const topic = await client.query<{ topic_id: string }>(`SELECT topic_id FROM classes WHERE id = $1`, [
      busiest.rows[0]?.class_id,
    ]);
    await api()
      .delete(`/courses/${first?.courseId}/classes/${busiest.rows[0]?.class_id}`)
      .set(staff)
      .expect(204);
    expect((await expectInSync()).some((r) => r.class_id === busiest.rows[0]?.class_id)).toBe(false);
    await api()
      .delete(`/courses/${first?.courseId}/topics/${topic.rows[0]?.topic_id}`)
      .set(staff)
      .expect(204);
    await expectInSync();
    await api().delete(`/courses/${second?.courseId}`).set(staff).expect(204);
    const left = await expectInSync();
    expect(left.length).toBeGreaterThan(0);
    await client.query(`TRUNCATE user_progress`);
    expect(await expectInSync()).toEqual([]);
  });
});
