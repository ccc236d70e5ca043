import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { createUserWithTokens } from './utils/auth.js';
import { createCourseFixture, type CourseFixture } from './utils/course-fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

type Row = { courseId: string; courseTitle: string | null; classes: number };

/**
 * The reports' outline index is cached per process under `catalog_version`, which database
 * triggers replace on every catalog write: a change made anywhere (plain SQL standing for another
 * instance, the back office or a migration; the staff API) shows in the next report.
 */
describe('reports: the cached outline follows every catalog write', () => {
  let t: TestApp;
  let client: pg.Client;
  let staff: { Authorization: string };
  let f: CourseFixture;
  const range = { from: '2026-01-01', to: '2026-01-31' };

  beforeAll(async () => {
    t = await createTestApp();
    client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    staff = (await createUserWithTokens(t, 'admin')).auth;
    f = await createCourseFixture(t, staff);
  });
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  const version = async () =>
    (await client.query<{ version: string }>('SELECT version FROM catalog_version')).rows.map(
      (r) => r.version,
    );
  const completion = async (courseId?: string): Promise<Row | undefined> => {
    const res = await request(t.http)
      .get('/analytics/reports/courses/completion-rates')
      .query(courseId ? { ...range, courseId } : range)
      .set(staff)
      .expect(200);
    return (res.body.rows as Row[]).find((r) => r.courseId === f.courseId);
  };
  /** The course's title and class count, in the report over every course and the one of this course. */
  const seen = async () => {
    const [all, one] = await Promise.all([completion(), completion(f.courseId)]);
    expect(one).toEqual(all);
    return { title: all?.courseTitle, classes: all?.classes };
  };

  it('has one version row, replaced by a write of each catalog table and kept by a rollback', async () => {
    const versions = [await version()];
    expect(versions[0]).toHaveLength(1);
    for (const write of [
      `UPDATE courses SET title = title WHERE id = '${f.courseId}'`,
      `UPDATE modules SET title = title WHERE course_id = '${f.courseId}'`,
      `UPDATE topics SET title = title WHERE course_id = '${f.courseId}'`,
      `UPDATE classes SET title = title WHERE id = '${f.classOf(f.topic(0))}'`,
    ]) {
      await client.query(write);
      versions.push(await version());
    }
    expect(new Set(versions.map((v) => v[0])).size).toBe(versions.length);
    await client.query('BEGIN');
    await client.query(`UPDATE courses SET title = 'Rolled back' WHERE id = '${f.courseId}'`);
    await client.query('ROLLBACK');
    expect(await version()).toEqual(versions.at(-1));
    // A read leaves it alone.
    await seen();
    expect(await version()).toEqual(versions.at(-1));
  });

  it('shows a title and a class added, moved or deleted directly in SQL in the next report', async () => {
    const before = await seen();
    expect(before).toEqual({ title: expect.stringMatching(/^Course /), classes: 7 });
    await client.query(`UPDATE courses SET title = 'Renamed in SQL' WHERE id = $1`, [f.courseId]);
    expect(await seen()).toEqual({ title: 'Renamed in SQL', classes: 7 });
    await client.query(
      `INSERT INTO classes (id, topic_id, title, duration, "order") VALUES ('k-sql', $1, 'From SQL', 60, 99)`,
      [f.topic(1)],
    );
    expect(await seen()).toEqual({ title: 'Renamed in SQL', classes: 8 });
    // A class moved to a topic of another course leaves this course's outline.
    const other = await createCourseFixture(t, staff);
    await client.query(`UPDATE classes SET topic_id = $1 WHERE id = 'k-sql'`, [other.topic(0)]);
    expect(await seen()).toEqual({ title: 'Renamed in SQL', classes: 7 });
    await client.query(`DELETE FROM topics WHERE id = $1`, [f.topic('loose')]);
    expect(await seen()).toEqual({ title: 'Renamed in SQL', classes: 6 });
  });

  it('shows a change made through the staff API in the next report', async () => {
    await request(t.http)
      .patch(`/courses/${f.courseId}`)
      .set(staff)
      .send({ title: 'Renamed by staff' })
      .expect(200);
    expect((await seen()).title).toBe('Renamed by staff');
    await request(t.http)
      .delete(`/courses/${f.courseId}/classes/${f.classOf(f.topic(0), 0)}`)
      .set(staff)
      .expect(204);
    expect(await seen()).toEqual({ title: 'Renamed by staff', classes: 5 });
  });

  it('loads the outline afresh when the version row is gone, and caches again once it is back', async () => {
    await client.query('DELETE FROM catalog_version');
    await client.query(`UPDATE courses SET title = 'No version' WHERE id = $1`, [f.courseId]);
    expect((await seen()).title).toBe('No version');
    await client.query(`UPDATE courses SET title = 'Still none' WHERE id = $1`, [f.courseId]);
    expect((await seen()).title).toBe('Still none');
    await client.query('INSERT INTO catalog_version (id) VALUES (1)');
    await client.query(`UPDATE courses SET title = 'Versioned again' WHERE id = $1`, [f.courseId]);
    expect((await seen()).title).toBe('Versioned again');
  });
});
