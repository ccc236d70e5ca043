import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUserWithTokens } from './utils/auth.js';
import { createCourseFixture, type CourseFixture } from './utils/course-fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

type Session = Awaited<ReturnType<typeof createUserWithTokens>>;

const HUGE = '99999999999999999999';

/** A 400 in the project's error shape whose details name `field`. */
function expectFieldRejected(res: request.Response, field: string, label = field): void {
  expect({ status: res.status, label }).toEqual({ status: 400, label });
  expect(res.body).toMatchObject({ statusCode: 400, error: 'validation_failed' });
  expect(typeof res.body.requestId).toBe('string');
  expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
}

describe('hostile input answers 4xx naming the field, never 500', () => {
  let t: TestApp;
  let staff: Session;
  let admin: Session;
  let f: CourseFixture;
  const api = () => request(t.http);

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createUserWithTokens(t, 'staff');
    admin = await createUserWithTokens(t, 'admin');
    f = await createCourseFixture(t, staff.auth);
  });
  afterAll(() => t.close());

  describe('explicit null for a required field in a PATCH', () => {
    const routes = () => {
      const topicId = f.topic(0, 0);
      return [
        { path: `/courses/${f.courseId}`, fields: ['title', 'description', 'duration', 'level', 'type'] },
        {
          path: `/courses/${f.courseId}/modules/${f.modules[0]}`,
          fields: ['title', 'description', 'learningOutcomes'],
        },
        { path: `/courses/${f.courseId}/topics/${topicId}`, fields: ['title'] },
        {
          path: `/courses/${f.courseId}/classes/${f.classOf(topicId, 0)}`,
          fields: ['title', 'duration', 'contentType', 'topicId'],
        },
        { path: `/users/${staff.user.id}`, fields: ['role'], as: admin },
      ];
    };

    it('is a 400 naming the field on every PATCH route, and nothing is written', async () => {
      const before = await api().get(`/courses/${f.courseId}`).set(staff.auth).expect(200);
      for (const { path, fields, as = staff } of routes()) {
        for (const field of fields) {
          const res = await api()
            .patch(path)
            .set(as.auth)
            .send({ [field]: null });
          expectFieldRejected(res, field, `${path} ${field}`);
        }
      }
      const after = await api().get(`/courses/${f.courseId}`).set(staff.auth).expect(200);
      expect(after.body).toEqual(before.body);
    });

    it('never answers 500 to null in the other write bodies (POST, PUT)', async () => {
      const topicId = f.topic(0, 0);
      const classId = f.classOf(topicId, 0);
      await api().post(`/courses/${f.courseId}/access`).set(staff.auth).send({ userId: staff.user.id });
      const writes: [string, string, Record<string, unknown>][] = [
        ['post', `/courses/${f.courseId}/modules`, { title: 'M', description: 'D', learningOutcomes: null }],
        [
          'post',
          `/courses/${f.courseId}/topics/${topicId}/classes`,
          { title: 'C', duration: 1, contentType: null },
        ],
        ['post', `/courses/${f.courseId}/access`, { userId: null }],
        ['post', `/courses/${f.courseId}/access/bulk`, { userIds: null, emails: null }],
        ['put', `/progress/classes/${classId}`, { watchedSeconds: null }],
        ['put', `/progress/classes/${classId}`, { watchedSeconds: 1, lastPosition: null, completed: null }],
        ['put', `/courses/${f.courseId}/modules/order`, { ids: null }],
      ];
      for (const [method, path, body] of writes) {
        const res = await api()[method as 'post' | 'put'](path).set(staff.auth).send(body);
        expect({ path, body, status: res.status < 500 }).toEqual({ path, body, status: true });
        expect(res.body.statusCode ?? res.status).toBe(res.status);
      }
    });

    it('still clears the fields that are nullable', async () => {
      const res = await api()
        .patch(`/courses/${f.courseId}`)
        .set(staff.auth)
        .send({ instructor: null, thumbnail: null })
        .expect(200);
      expect(res.body).toMatchObject({ instructor: null, thumbnail: null });
      await api().patch('/users/me').set(staff.auth).send({ name: null, image: null }).expect(200);
    });
  });

  describe('numbers beyond range in the query or the body', () => {
    const today = new Date().toISOString().slice(0, 10);
    const range = { from: today, to: today };
    const paged = () => ['/courses', '/users', `/courses/${f.courseId}/members`];
    const limited = [
      '/analytics/reports/content/top-classes',
      '/analytics/reports/engagement/page-views',
      '/analytics/reports/marketing/landing-pages',
    ];

    it('page and pageSize beyond range are 400 on every paged route', async () => {
      for (const path of paged()) {
        for (const field of ['page', 'pageSize']) {
          for (const value of [HUGE, '1e400', '-1', '1.5', 'NaN']) {
            const res = await api()
              .get(path)
              .set(admin.auth)
              .query({ [field]: value });
            expectFieldRejected(res, field, `${path}?${field}=${value}`);
          }
        }
        const last = await api().get(path).set(admin.auth).query({ page: 1_000_000, pageSize: 100 });
        expect(last.status).toBe(200);
        expect(last.body.items).toEqual([]);
      }
    });

    it('limit beyond range is 400 on every report that takes it', async () => {
      for (const path of limited) {
        for (const value of [HUGE, '-5', '0', '2.5']) {
          const res = await api()
            .get(path)
            .set(staff.auth)
            .query({ ...range, limit: value });
          expectFieldRejected(res, 'limit');
        }
      }
    });

    it('durations and positions beyond range in bodies are 400', async () => {
      const huge = Number(HUGE);
      const topicId = f.topic(0, 0);
      expectFieldRejected(
        await api().patch(`/courses/${f.courseId}`).set(staff.auth).send({ duration: huge }),
        'duration',
      );
      expectFieldRejected(
        await api()
          .patch(`/courses/${f.courseId}/classes/${f.classOf(topicId, 0)}`)
          .set(staff.auth)
          .send({ duration: huge }),
        'duration',
      );
      const classId = f.classOf(topicId, 0);
      await api().post(`/courses/${f.courseId}/access`).set(staff.auth).send({ userId: staff.user.id });
      for (const body of [{ watchedSeconds: huge }, { watchedSeconds: 1, lastPosition: huge }]) {
        const res = await api().put(`/progress/classes/${classId}`).set(staff.auth).send(body);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.body).toMatchObject({ statusCode: res.status });
      }
    });
  });
});
