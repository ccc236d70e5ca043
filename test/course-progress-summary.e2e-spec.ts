import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { createUserWithTokens } from './utils/auth.js';
import { createCourseFixture, type CourseFixture } from './utils/course-fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/** The summary as it must be: recomputed from the progress rows and the current course tree. */
const EXPECTED = `SELECT up.user_id, t.course_id, count(*)::int AS started_classes, (count(*) FILTER (WHERE up.is_completed))::int AS completed_classes,
    max(up.last_watched_at) AS last_activity_at, (array_agg(up.class_id ORDER BY up.last_watched_at DESC, up.class_id DESC))[1] AS last_class_id,
    max(up.completed_at) AS last_completed_at
  FROM user_progress up JOIN classes k ON k.id = up.class_id JOIN topics t ON t.id = k.topic_id GROUP BY 1, 2 ORDER BY 1, 2`;
const STORED = `SELECT user_id, course_id, started_classes, completed_classes, last_activity_at, last_class_id, last_completed_at
  FROM user_course_progress ORDER BY 1, 2`;

describe('user_course_progress: the per-course summary the reports read follows every progress write', () => {
  let t: TestApp;
  let client: pg.Client;
  let staff: { Authorization: string };
  let f: CourseFixture;
  const api = () => request(t.http);

  beforeAll(async () => {
    t = await createTestApp();
    client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    staff = (await createUserWithTokens(t, 'staff')).auth;
    f = await createCourseFixture(t, staff);
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

  it('follows concurrent heartbeats of one learner on several classes', async () => {
    const learners = await Promise.all([1, 2].map(() => createUserWithTokens(t, 'student')));
    for (const s of learners)
      await api().post(`/courses/${f.courseId}/access`).set(staff).send({ userId: s.user.id }).expect(201);
    const classes = Object.values(f.classes).flat();
    await Promise.all(
      learners.flatMap((s) =>
        classes.map((classId) =>
          api()
            .put(`/progress/classes/${classId}`)
            .set(s.auth)
            .send({ watchedSeconds: 20, completed: true })
            .expect(200),
        ),
      ),
    );
    const rows = await expectInSync();
    expect(rows.filter((r) => r.course_id === f.courseId).map((r) => r.started_classes)).toEqual([
      classes.length,
      classes.length,
    ]);
  });

  it('follows deleted and moved classes, moved topics and deleted courses', async () => {
    const [firstTopic, secondTopic] = [f.topic(0, 0), f.topic(0, 1)];
    await api().delete(`/courses/${f.courseId}/topics/${secondTopic}`).set(staff).expect(204);
    await expectInSync();
    const moved = f.classOf(firstTopic, 0);
    await api()
      .patch(`/courses/${f.courseId}/classes/${moved}`)
      .set(staff)
      .send({ topicId: f.loose[0] })
      .expect(200);
    await expectInSync();
    // Outside the API (back office, SQL): a loose topic handed to another course.
    const other = await createCourseFixture(t, staff);
    // It takes the next free position there: positions are unique per parent (deferred constraint).
    await client.query(
      `UPDATE topics SET course_id = $1,
         "order" = (SELECT coalesce(max("order"), 0) + 1 FROM topics WHERE course_id = $1 AND module_id IS NULL)
       WHERE id = $2`,
      [other.courseId, f.loose[0]],
    );
    const rows = await expectInSync();
    expect(rows.some((r) => r.course_id === other.courseId)).toBe(true);
    await api().delete(`/courses/${f.courseId}`).set(staff).expect(204);
    expect((await expectInSync()).some((r) => r.course_id === f.courseId)).toBe(false);
  });
});
