import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUserWithTokens } from './utils/auth.js';
import { createCourseFixture, type CourseFixture } from './utils/course-fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { defined } from '../src/common/assert/defined.js';

type Session = Awaited<ReturnType<typeof createUserWithTokens>>;

describe('courses: catalog, outline, authoring, ordering, content gating', () => {
  let t: TestApp;
  let staff: Session;
  let student: Session;
  let enrolled: Session;
  let f: CourseFixture;
  const api = () => request(t.http);

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createUserWithTokens(t, 'staff');
    student = await createUserWithTokens(t, 'student');
    enrolled = await createUserWithTokens(t, 'student');
    f = await createCourseFixture(t, staff.auth);
    await api()
      .post(`/courses/${f.courseId}/access`)
      .set(staff.auth)
      .send({ userId: enrolled.user.id })
      .expect(201);
  });
  afterAll(() => t.close());

  describe('catalog', () => {
    beforeAll(async () => {
      for (const [title, level, type] of [
        ['Advanced Postgres', 'advanced', 'certification'],
        ['Intro to Python', 'beginner', 'role-specific'],
      ]) {
        await api()
          .post('/courses')
          .set(staff.auth)
          .send({
            title,
            description: `All about ${title}`,
            duration: 60,
            level,
            type,
            instructor: 'Grace Hopper',
          })
          .expect(201);
      }
    });

    it('lists publicly with filters, search, sort and pages', async () => {
      const all = await api().get('/courses').query({ sort: 'title' }).expect(200);
      expect(all.body.items.map((c: { title: string }) => c.title)).toEqual([
        'Advanced Postgres',
        `Course ${f.courseId ? 1 : 0}`,
        'Intro to Python',
      ]);
      const advanced = await api().get('/courses').query({ level: 'advanced' }).expect(200);
      expect(advanced.body).toMatchObject({
        total: 1,
        items: [{ title: 'Advanced Postgres', type: 'certification' }],
      });
      const byInstructor = await api()
        .get('/courses')
        .query({ search: 'hopper', type: 'role-specific' })
        .expect(200);
      expect(byInstructor.body.items.map((c: { title: string }) => c.title)).toEqual(['Intro to Python']);
      const newest = await api().get('/courses').query({ pageSize: 1 }).expect(200);
      expect(newest.body).toMatchObject({
        total: 3,
        page: 1,
        pageSize: 1,
        items: [{ title: 'Intro to Python' }],
      });
      const bad = await api().get('/courses').query({ level: 'expert', sort: 'price' }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['level', 'sort']);
    });

    it('gives the ordered outline: modules → topics → classes, then topics without a module; no content', async () => {
      const res = await api().get(`/courses/${f.courseId}`).expect(200);
      const outline = res.body;
      expect(outline.modules.map((m: { title: string }) => m.title)).toEqual(['Module 1', 'Module 2']);
      expect(outline.modules[0].learningOutcomes).toEqual(['Outcome 1']);
      expect(outline.modules[0].topics.map((t: { title: string }) => t.title)).toEqual([
        'Topic 1.1',
        'Topic 1.2',
      ]);
      expect(
        outline.modules[0].topics[0].classes.map(
          (k: { title: string; contentType: string; order: number }) => [k.title, k.contentType, k.order],
        ),
      ).toEqual([
        ['Video 1.1', 'video', 1],
        ['Reading', 'text', 2],
        ['Quiz', 'contest', 3],
      ]);
      expect(outline.topics.map((t: { title: string; moduleId: null }) => [t.title, t.moduleId])).toEqual([
        ['Bonus', null],
      ]);
      expect(outline).toMatchObject({
        duration: 30,
        classCount: 7,
        classDurationSeconds: 4 * 100 + 300 + 600 + 60,
      });
      expect(JSON.stringify(outline)).not.toMatch(/videoUrl|textContent|contestUrl/);
      await api().get('/courses/nope').expect(404);
    });
  });

  describe('class content is gated by access', () => {
    const path = () => `/courses/${f.courseId}/classes/${f.classOf(f.topic(0, 0), 1)}`;

    it('401 anonymous, 403 without access, 200 with access and for staff', async () => {
      await api().get(path()).expect(401);
      const denied = await api().get(path()).set(student.auth).expect(403);
      expect(denied.body.error).toBe('no_course_access');
      const ok = await api().get(path()).set(enrolled.auth).expect(200);
      expect(ok.body).toMatchObject({
        title: 'Reading',
        contentType: 'text',
        textContent: '# Notes',
        courseId: f.courseId,
      });
      await api().get(path()).set(staff.auth).expect(200);
    });

    it('404 for a class of another course in the path, and for unknown ids', async () => {
      const other = await createCourseFixture(t, staff.auth);
      const foreign = other.classOf(other.topic(0, 0), 0);
      await api().get(`/courses/${f.courseId}/classes/${foreign}`).set(staff.auth).expect(404);
      await api().get(`/courses/${f.courseId}/classes/nope`).set(staff.auth).expect(404);
      await api().get(`/courses/nope/classes/${foreign}`).set(enrolled.auth).expect(404);
    });
  });

  describe('authoring', () => {
    it('is staff only', async () => {
      await api()
        .post('/courses')
        .set(student.auth)
        .send({ title: 'X', description: 'Y', duration: 1, level: 'beginner', type: 'skill-based' })
        .expect(403);
      await api().patch(`/courses/${f.courseId}`).set(student.auth).send({ title: 'X' }).expect(403);
    });

    it('validates enums, URLs, outcomes and unknown fields with 400 naming the field', async () => {
      const bad = await api()
        .post('/courses')
        .set(staff.auth)
        .send({
          title: '',
          description: 'D',
          duration: -1,
          level: 'expert',
          type: 'hobby',
          thumbnail: 'ftp://x/y.png',
          price: 3,
        })
        .expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'duration',
        'level',
        'price',
        'thumbnail',
        'title',
        'type',
      ]);
      const outcomes = await api()
        .post(`/courses/${f.courseId}/modules`)
        .set(staff.auth)
        .send({ title: 'M', description: 'D', learningOutcomes: ['ok', '  '] })
        .expect(400);
      expect(outcomes.body.details[0].field).toBe('learningOutcomes');
      const url = await api()
        .post(`/courses/${f.courseId}/topics/${f.loose[0]}/classes`)
        .set(staff.auth)
        .send({ title: 'V', contentType: 'video', videoUrl: 'javascript:alert(1)', duration: 10 })
        .expect(400);
      expect(url.body.details[0]).toEqual({
        field: 'videoUrl',
        messages: ['videoUrl must be an http(s) URL'],
      });
    });

    it('requires the content of each type (422 naming the field), also on update', async () => {
      const topic = `/courses/${f.courseId}/topics/${f.loose[0]}/classes`;
      for (const [contentType, field] of [
        ['video', 'videoUrl'],
        ['text', 'textContent'],
        ['contest', 'contestUrl'],
      ]) {
        const res = await api()
          .post(topic)
          .set(staff.auth)
          .send({ title: 'X', contentType, duration: 10 })
          .expect(422);
        expect(res.body.details).toEqual([
          { field, messages: [`${field} is required for a ${contentType} class`] },
        ]);
      }
      const video = f.classOf(f.topic('loose', 0), 0);
      const res = await api()
        .patch(`/courses/${f.courseId}/classes/${video}`)
        .set(staff.auth)
        .send({ contentType: 'contest' })
        .expect(422);
      expect(res.body.details[0].field).toBe('contestUrl');
      const outline = await api().get(`/courses/${f.courseId}`).expect(200);
      expect(outline.body.topics[0].classes).toEqual([
        expect.objectContaining({ id: video, contentType: 'video' }),
      ]);
    });

    it('puts new children last and keeps positions 1..n after deletes and moves', async () => {
      const topicId = f.topic(1, 1);
      const added = await api()
        .post(`/courses/${f.courseId}/topics/${topicId}/classes`)
        .set(staff.auth)
        .send({ title: 'Extra', contentType: 'text', textContent: 'x', duration: 5 })
        .expect(201);
      expect(added.body.order).toBe(2);
      const first = f.classOf(topicId, 0);
      await api()
        .patch(`/courses/${f.courseId}/classes/${first}`)
        .set(staff.auth)
        .send({ topicId: f.loose[0] })
        .expect(200);
      const outline = (await api().get(`/courses/${f.courseId}`).expect(200)).body;
      const classes = (tid: string) =>
        [...outline.modules.flatMap((m: { topics: unknown[] }) => m.topics), ...outline.topics].find(
          (t: { id: string }) => t.id === tid,
        ).classes;
      expect(classes(topicId).map((k: { title: string; order: number }) => [k.title, k.order])).toEqual([
        ['Extra', 1],
      ]);
      expect(
        classes(f.topic('loose')).map((k: { title: string; order: number }) => [k.title, k.order]),
      ).toEqual([
        ['Bonus video', 1],
        ['Video 2.2', 2],
      ]);
    });

    it('puts a new child at `order`, moves one to `order`: the siblings shift, positions stay 1..n', async () => {
      const g = await createCourseFixture(t, staff.auth);
      const outline = async () => (await api().get(`/courses/${g.courseId}`).expect(200)).body;
      const first = await api()
        .post(`/courses/${g.courseId}/modules`)
        .set(staff.auth)
        .send({ title: 'Module 0', description: 'D', order: 1 })
        .expect(201);
      expect(first.body.order).toBe(1);
      await api()
        .patch(`/courses/${g.courseId}/modules/${g.modules[1]}`)
        .set(staff.auth)
        .send({ order: 1 })
        .expect(200);
      expect(
        (await outline()).modules.map((m: { title: string; order: number }) => [m.title, m.order]),
      ).toEqual([
        ['Module 2', 1],
        ['Module 0', 2],
        ['Module 1', 3],
      ]);

      // A class moved to another topic at position 1 there; the topic it left closes the gap.
      const from = g.topic(0, 0);
      const reading = g.classOf(from, 1);
      await api()
        .patch(`/courses/${g.courseId}/classes/${reading}`)
        .set(staff.auth)
        .send({ topicId: g.topic('loose'), order: 1 })
        .expect(200);
      const tree = await outline();
      const topicOf = (id: string) =>
        [...tree.modules.flatMap((m: { topics: unknown[] }) => m.topics), ...tree.topics].find(
          (x: { id: string }) => x.id === id,
        );
      const titles = (id: string) =>
        topicOf(id).classes.map((k: { title: string; order: number }) => [k.title, k.order]);
      expect(titles(g.topic('loose'))).toEqual([
        ['Reading', 1],
        ['Bonus video', 2],
      ]);
      expect(titles(from)).toEqual([
        ['Video 1.1', 1],
        ['Quiz', 2],
      ]);

      const zero = await api()
        .post(`/courses/${g.courseId}/topics`)
        .set(staff.auth)
        .send({ title: 'T', order: 0 })
        .expect(400);
      expect(zero.body.details).toEqual([{ field: 'order', messages: ['order must not be less than 1'] }]);
      const unknown = await api()
        .post(`/courses/${g.courseId}/topics`)
        .set(staff.auth)
        .send({ title: 'T', moduleId: 'no-such-module' })
        .expect(404);
      expect(unknown.body.details).toEqual([
        { field: 'moduleId', messages: ['must be a module of this course'] },
      ]);
    });

    it('reorders atomically: the complete list applies, anything else changes nothing (422)', async () => {
      const modules = `/courses/${f.courseId}/modules/order`;
      await api()
        .put(modules)
        .set(staff.auth)
        .send({ ids: [f.modules[1], f.modules[0]] })
        .expect(204);
      let outline = (await api().get(`/courses/${f.courseId}`).expect(200)).body;
      expect(outline.modules.map((m: { id: string }) => m.id)).toEqual([f.modules[1], f.modules[0]]);

      for (const ids of [[f.modules[0]], [f.modules[0], f.modules[1], 'nope'], [f.modules[0], 'nope']]) {
        const res = await api().put(modules).set(staff.auth).send({ ids }).expect(422);
        expect(res.body.error).toBe('reorder_mismatch');
      }
      await api()
        .put(modules)
        .set(staff.auth)
        .send({ ids: [f.modules[0], f.modules[0]] })
        .expect(400);
      outline = (await api().get(`/courses/${f.courseId}`).expect(200)).body;
      expect(outline.modules.map((m: { id: string; order: number }) => [m.id, m.order])).toEqual([
        [f.modules[1], 1],
        [f.modules[0], 2],
      ]);

      const topicIds = [f.topic(0, 0), f.topic(0, 1)];
      await api()
        .put(`/courses/${f.courseId}/modules/${f.modules[0]}/topics/order`)
        .set(staff.auth)
        .send({ ids: [...topicIds].reverse() })
        .expect(204);
      const classIds = defined(f.classes[f.topic(0, 0)], 'the classes of topic 1.1');
      await api()
        .put(`/courses/${f.courseId}/topics/${f.topic(0, 0)}/classes/order`)
        .set(staff.auth)
        .send({ ids: [...classIds].reverse() })
        .expect(204);
      outline = (await api().get(`/courses/${f.courseId}`).expect(200)).body;
      const m0 = outline.modules.find((m: { id: string }) => m.id === f.modules[0]);
      expect(m0.topics.map((x: { id: string }) => x.id)).toEqual([...topicIds].reverse());
      expect(m0.topics[1].classes.map((k: { id: string }) => k.id)).toEqual([...classIds].reverse());
      await api()
        .put(`/courses/${f.courseId}/topics/order`)
        .set(staff.auth)
        .send({ ids: f.loose })
        .expect(204);
    });

    it("keeps a topic's course equal to its module's course (API 404, database 422)", async () => {
      const other = await createCourseFixture(t, staff.auth);
      await api()
        .post(`/courses/${f.courseId}/topics`)
        .set(staff.auth)
        .send({ title: 'T', moduleId: other.modules[0] })
        .expect(404);
      await api()
        .patch(`/courses/${f.courseId}/topics/${f.loose[0]}`)
        .set(staff.auth)
        .send({ moduleId: other.modules[0] })
        .expect(404);
      await expect(
        t.orm.em
          .getConnection()
          .execute(`UPDATE topics SET module_id = ? WHERE id = ?`, [other.modules[0], f.loose[0]]),
      ).rejects.toThrow(/does not/);
      await api()
        .patch(`/courses/${f.courseId}/classes/${other.classOf(other.topic(0, 0), 0)}`)
        .set(staff.auth)
        .send({ title: 'x' })
        .expect(404);
    });

    it('deletes with cascade: a module takes its topics and classes; a course everything', async () => {
      const g = await createCourseFixture(t, staff.auth);
      await api()
        .post(`/courses/${g.courseId}/access`)
        .set(staff.auth)
        .send({ userId: enrolled.user.id })
        .expect(201);
      await api()
        .put(`/progress/classes/${g.classOf(g.topic(1, 0), 0)}`)
        .set(enrolled.auth)
        .send({ watchedSeconds: 5 })
        .expect(200);
      await api().delete(`/courses/${g.courseId}/modules/${g.modules[0]}`).set(staff.auth).expect(204);
      const outline = (await api().get(`/courses/${g.courseId}`).expect(200)).body;
      expect(outline.modules.map((m: { id: string; order: number }) => [m.id, m.order])).toEqual([
        [g.modules[1], 1],
      ]);
      expect(outline.classCount).toBe(3);
      await api().delete(`/courses/${g.courseId}`).set(staff.auth).expect(204);
      await api().get(`/courses/${g.courseId}`).expect(404);
      const [left] = await t.orm.em.getConnection().execute(
        `SELECT (SELECT count(*) FROM modules WHERE course_id = ?)::int + (SELECT count(*) FROM topics WHERE course_id = ?)::int
              + (SELECT count(*) FROM course_access WHERE course_id = ?)::int
              + (SELECT count(*) FROM user_progress WHERE class_id = ?)::int AS n`,
        [g.courseId, g.courseId, g.courseId, g.classOf(g.topic(1, 0), 0)],
      );
      expect(left?.n).toBe(0);
      await api().delete(`/courses/${g.courseId}`).set(staff.auth).expect(404);
    });
  });
});
