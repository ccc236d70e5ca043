import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { EventEmitter2 } from '@nestjs/event-emitter';
import request from 'supertest';
import { ACCESS_EVENTS, type AccessGrantedEvent } from '../src/modules/access/index.js';
import { PROGRESS_EVENTS, type LearningMilestoneEvent } from '../src/modules/progress/index.js';
import { createUserWithTokens } from './utils/auth.js';
import { createCourseFixture, type CourseFixture } from './utils/course-fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

type Session = Awaited<ReturnType<typeof createUserWithTokens>>;

describe('access and progress', () => {
  let t: TestApp;
  let staff: Session;
  let f: CourseFixture;
  const events: { name: string; payload: unknown }[] = [];
  const api = () => request(t.http);
  const heartbeat = (s: Session, classId: string, body: object) =>
    api().put(`/progress/classes/${classId}`).set(s.auth).set('X-Session-Id', 'sess-9').send(body);
  const enrol = (s: Session, courseId = f.courseId) =>
    api().post(`/courses/${courseId}/access`).set(staff.auth).send({ userId: s.user.id });
  /** Lets the next heartbeat add up to `seconds` more (the wall-clock cap), without sleeping. */
  const age = (s: Session, classId: string, seconds: number) =>
    t.orm.em
      .getConnection()
      .execute(
        `UPDATE user_progress SET last_watched_at = now() - make_interval(secs => ?) WHERE user_id = ? AND class_id = ?`,
        [seconds, s.user.id, classId],
      );

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createUserWithTokens(t, 'staff');
    f = await createCourseFixture(t, staff.auth);
    const emitter = t.app.get(EventEmitter2);
    for (const name of [...Object.values(PROGRESS_EVENTS), ...Object.values(ACCESS_EVENTS)])
      emitter.on(name, (payload: unknown) => events.push({ name, payload }));
  });
  afterAll(() => t.close());
  beforeEach(() => {
    events.length = 0;
  });

  const video = () => f.classOf(f.topic(0, 0), 0);
  const text = () => f.classOf(f.topic(0, 0), 1);
  const contest = () => f.classOf(f.topic(0, 0), 2);

  describe('access', () => {
    it('grants idempotently (201 then 200), emits course_enrolled once, revokes idempotently', async () => {
      const s = await createUserWithTokens(t, 'student');
      const first = await enrol(s).expect(201);
      expect(first.body).toMatchObject({ courseId: f.courseId, userId: s.user.id, created: true });
      const second = await enrol(s).expect(200);
      expect(second.body).toMatchObject({ created: false, grantedAt: first.body.grantedAt });
      expect(
        events
          .filter((e) => e.name === ACCESS_EVENTS.granted)
          .map((e) => (e.payload as AccessGrantedEvent).userId),
      ).toEqual([s.user.id]);
      await api().delete(`/courses/${f.courseId}/access/${s.user.id}`).set(staff.auth).expect(204);
      await api().delete(`/courses/${f.courseId}/access/${s.user.id}`).set(staff.auth).expect(204);
      await api().get(`/courses/${f.courseId}/classes/${text()}`).set(s.auth).expect(403);
    });

    it('rejects unknown users and courses, and students', async () => {
      const s = await createUserWithTokens(t, 'student');
      await api()
        .post(`/courses/${f.courseId}/access`)
        .set(staff.auth)
        .send({ userId: 'nobody' })
        .expect(404);
      await api().post(`/courses/nope/access`).set(staff.auth).send({ userId: s.user.id }).expect(404);
      await api().post(`/courses/${f.courseId}/access`).set(s.auth).send({ userId: s.user.id }).expect(403);
      await api()
        .post(`/courses/${f.courseId}/access`)
        .set(staff.auth)
        .send({ userId: s.user.id, role: 'x' })
        .expect(400);
    });

    it('grants in bulk by ids and e-mails and reports the unknown ones', async () => {
      const a = await createUserWithTokens(t, 'student');
      const b = await createUserWithTokens(t, 'student');
      await enrol(a).expect(201);
      const res = await api()
        .post(`/courses/${f.courseId}/access/bulk`)
        .set(staff.auth)
        .send({ userIds: [a.user.id, 'ghost'], emails: [b.user.email.toUpperCase(), 'nobody@example.com'] })
        .expect(200);
      expect(res.body).toEqual({
        granted: [b.user.id],
        alreadyEnrolled: [a.user.id],
        unknownUserIds: ['ghost'],
        unknownEmails: ['nobody@example.com'],
      });
      const bad = await api()
        .post(`/courses/${f.courseId}/access/bulk`)
        .set(staff.auth)
        .send({ emails: ['nope'] })
        .expect(400);
      expect(bad.body.details[0].field).toBe('emails');
    });
  });

  describe('heartbeats', () => {
    it('needs access to the course (403), a real class (404) and sane numbers (400, nothing written)', async () => {
      const s = await createUserWithTokens(t, 'student');
      await heartbeat(s, video(), { watchedSeconds: 5 }).expect(403);
      await enrol(s).expect(201);
      await heartbeat(s, 'nope', { watchedSeconds: 5 }).expect(404);
      for (const body of [
        { watchedSeconds: -1 },
        { watchedSeconds: 'ten' },
        { watchedSeconds: 5, lastPosition: 101 },
        { watchedSeconds: 5, extra: 1 },
        {},
      ]) {
        const res = await heartbeat(s, video(), body).expect(400);
        expect(res.body.details.length).toBeGreaterThan(0);
      }
      const [row] = await t.orm.em
        .getConnection()
        .execute(`SELECT count(*)::int AS n FROM user_progress WHERE user_id = ?`, [s.user.id]);
      expect(row?.n).toBe(0);
    });

    it('creates the row on the first heartbeat, adds time, keeps the resume point, caps by wall clock', async () => {
      const s = await createUserWithTokens(t, 'student');
      await enrol(s).expect(201);
      const first = await heartbeat(s, video(), { watchedSeconds: 10, lastPosition: 10 }).expect(200);
      expect(first.body).toMatchObject({
        watchedSeconds: 10,
        lastPosition: 10,
        isCompleted: false,
        completedAt: null,
      });
      const burst = await heartbeat(s, video(), { watchedSeconds: 3600 }).expect(200);
      expect(burst.body.watchedSeconds).toBeLessThanOrEqual(10 + 31);
      expect(burst.body.lastPosition).toBe(10);
      expect(events.filter((e) => e.name === PROGRESS_EVENTS.classStarted)).toHaveLength(1);
    });

    it('applies 20 concurrent heartbeats exactly once each, in one row', async () => {
      const s = await createUserWithTokens(t, 'student');
      await enrol(s).expect(201);
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          heartbeat(s, f.classOf(f.topic('loose', 0), 0), { watchedSeconds: 2 }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
      const rows = await t.orm.em
        .getConnection()
        .execute(`SELECT watched_duration FROM user_progress WHERE user_id = ?`, [s.user.id]);
      expect(rows).toEqual([{ watched_duration: 40 }]);
      expect(events.filter((e) => e.name === PROGRESS_EVENTS.classStarted)).toHaveLength(1);
    });

    it('completes a video at 90% with 25/50/75 milestones once each, and never un-completes it', async () => {
      const s = await createUserWithTokens(t, 'student');
      await enrol(s).expect(201);
      await heartbeat(s, video(), { watchedSeconds: 30 }).expect(200); // 30% → 25
      await age(s, video(), 100);
      const at89 = await heartbeat(s, video(), { watchedSeconds: 59 }).expect(200); // 89% → 50, 75
      expect(at89.body.isCompleted).toBe(false);
      await age(s, video(), 100);
      const done = await heartbeat(s, video(), { watchedSeconds: 1, completed: false }).expect(200);
      expect(done.body).toMatchObject({
        watchedSeconds: 90,
        isCompleted: true,
        completedAt: expect.any(String),
      });
      await age(s, video(), 100);
      const later = await heartbeat(s, video(), { watchedSeconds: 50, lastPosition: 3 }).expect(200);
      expect(later.body).toMatchObject({
        isCompleted: true,
        completedAt: done.body.completedAt,
        lastPosition: 3,
      });
      const milestones = events
        .filter((e) => e.name === PROGRESS_EVENTS.videoProgress)
        .map((e) => (e.payload as LearningMilestoneEvent).milestone);
      expect(milestones).toEqual([25, 50, 75]);
      const completions = events
        .filter((e) => e.name === PROGRESS_EVENTS.classCompleted)
        .map((e) => e.payload as LearningMilestoneEvent);
      expect(completions).toHaveLength(1);
      expect(completions[0]).toMatchObject({
        userId: s.user.id,
        courseId: f.courseId,
        classId: video(),
        contentType: 'video',
        tracking: { sessionId: 'sess-9' },
      });
    });

    it('completes text and contest classes when the learner says so; module events fire once', async () => {
      const s = await createUserWithTokens(t, 'student');
      await enrol(s).expect(201);
      await heartbeat(s, text(), { watchedSeconds: 20 }).expect(200);
      expect(
        (await heartbeat(s, text(), { watchedSeconds: 0, completed: true }).expect(200)).body.isCompleted,
      ).toBe(true);
      await heartbeat(s, contest(), { watchedSeconds: 0, completed: true }).expect(200);
      expect(events.filter((e) => e.name === PROGRESS_EVENTS.moduleStarted)).toHaveLength(1);
      expect(events.filter((e) => e.name === PROGRESS_EVENTS.moduleCompleted)).toHaveLength(0);
      // Finish the rest of module 1 (its video and the second topic's video).
      for (const id of [video(), f.classOf(f.topic(0, 1), 0)]) {
        await heartbeat(s, id, { watchedSeconds: 30 }).expect(200);
        for (let i = 0; i < 2; i++) {
          await age(s, id, 100);
          await heartbeat(s, id, { watchedSeconds: 30 }).expect(200);
        }
      }
      const completed = events
        .filter((e) => e.name === PROGRESS_EVENTS.moduleCompleted)
        .map((e) => e.payload as LearningMilestoneEvent);
      expect(completed).toEqual([expect.objectContaining({ moduleId: f.modules[0], classId: null })]);
    });
  });

  describe('analytics events written server-side', () => {
    it('records enrolment, class, contest, video and module milestones with the session', async () => {
      const s = await createUserWithTokens(t, 'student');
      await enrol(s).expect(201);
      await api().get(`/courses/${f.courseId}`).set(s.auth).set('X-Session-Id', 'sess-9').expect(200);
      await heartbeat(s, contest(), { watchedSeconds: 5, completed: true }).expect(200);
      await heartbeat(s, video(), { watchedSeconds: 30 }).expect(200);
      const rows = await t.orm.em.getConnection().execute<{ event_type: string; event_action: string }[]>(
        `SELECT event_type, event_action, course_id, class_id, session_id, is_logged_in, custom_data FROM analytics_events
           WHERE user_id = ? ORDER BY "timestamp", event_type`,
        [s.user.id],
      );
      const seen = rows.map(
        (r: { event_type: string; event_action: string }) => `${r.event_type}/${r.event_action}`,
      );
      expect(seen).toEqual(
        expect.arrayContaining([
          'course_event/course_enrolled',
          'course_event/course_viewed',
          'class_event/class_started',
          'contest_event/contest_started',
          'class_event/class_completed',
          'contest_event/contest_completed',
          'course_event/module_started',
          'video_event/video_progress',
        ]),
      );
      const milestone = rows.find((r: { event_action: string }) => r.event_action === 'video_progress');
      expect(milestone).toMatchObject({
        class_id: video(),
        session_id: 'sess-9',
        is_logged_in: true,
        custom_data: { milestone: 25 },
      });
      expect(rows.filter((r: { event_action: string }) => r.event_action === 'module_started')).toHaveLength(
        1,
      );
    });
  });

  describe('progress overviews', () => {
    let s: Session;
    beforeAll(async () => {
      s = await createUserWithTokens(t, 'student');
      await enrol(s).expect(201);
      await heartbeat(s, text(), { watchedSeconds: 5, completed: true }).expect(200);
      await heartbeat(s, contest(), { watchedSeconds: 5, completed: true }).expect(200);
      await heartbeat(s, video(), { watchedSeconds: 20, lastPosition: 20 }).expect(200);
    });

    it('reports a course per module, topic and class with percentages', async () => {
      const res = await api().get(`/progress/courses/${f.courseId}`).set(s.auth).expect(200);
      expect(res.body).toMatchObject({
        courseId: f.courseId,
        userId: s.user.id,
        completedClasses: 2,
        totalClasses: 7,
        percent: 28.6,
      });
      expect(res.body.modules[0]).toMatchObject({
        moduleId: f.modules[0],
        completedClasses: 2,
        totalClasses: 4,
        percent: 50,
      });
      expect(res.body.modules[0].topics[0].classes[0]).toMatchObject({
        classId: video(),
        watchedSeconds: 20,
        lastPosition: 20,
        isCompleted: false,
      });
      expect(res.body.topics[0].classes).toHaveLength(1);
    });

    it('lets staff read anyone’s progress, students only their own', async () => {
      const other = await createUserWithTokens(t, 'student');
      await enrol(other).expect(201);
      await api()
        .get(`/progress/courses/${f.courseId}`)
        .query({ userId: s.user.id })
        .set(other.auth)
        .expect(403);
      const res = await api()
        .get(`/progress/courses/${f.courseId}`)
        .query({ userId: s.user.id })
        .set(staff.auth)
        .expect(200);
      expect(res.body.completedClasses).toBe(2);
      await api()
        .get(`/progress/courses/${f.courseId}`)
        .set((await createUserWithTokens(t, 'student')).auth)
        .expect(403);
    });

    it('lists my courses with progress and where to continue; /me/continue resumes the latest class', async () => {
      const mine = await api().get('/me/courses').set(s.auth).expect(200);
      expect(mine.body).toEqual([
        expect.objectContaining({
          courseId: f.courseId,
          completedClasses: 2,
          percent: 28.6,
          continueWith: expect.objectContaining({ classId: video(), lastPosition: 20 }),
          lastActivityAt: expect.any(String),
        }),
      ]);
      const next = await api().get('/me/continue').set(s.auth).expect(200);
      expect(next.body).toMatchObject({
        courseId: f.courseId,
        classId: video(),
        lastPosition: 20,
        contentType: 'video',
      });
      const fresh = await createUserWithTokens(t, 'student');
      await api().get('/me/continue').set(fresh.auth).expect(204);
    });

    it('never passes 100% and drops when a class is added to a finished module', async () => {
      const g = await createCourseFixture(t, staff.auth);
      const u = await createUserWithTokens(t, 'student');
      await enrol(u, g.courseId).expect(201);
      const loose = g.classOf(g.topic('loose', 0), 0);
      await heartbeat(u, loose, { watchedSeconds: 30 }).expect(200);
      await age(u, loose, 100);
      await heartbeat(u, loose, { watchedSeconds: 30 }).expect(200);
      const before = (await api().get(`/progress/courses/${g.courseId}`).set(u.auth).expect(200)).body;
      expect(before).toMatchObject({ completedClasses: 1, totalClasses: 7 });
      await api()
        .post(`/courses/${g.courseId}/topics/${g.loose[0]}/classes`)
        .set(staff.auth)
        .send({ title: 'New', contentType: 'text', textContent: 'x', duration: 5 })
        .expect(201);
      const after = (await api().get(`/progress/courses/${g.courseId}`).set(u.auth).expect(200)).body;
      expect(after).toMatchObject({ completedClasses: 1, totalClasses: 8, percent: 12.5 });
      expect(after.topics[0].classes.map((c: { isCompleted: boolean }) => c.isCompleted)).toEqual([
        true,
        false,
      ]);
    });

    it('shows staff the members of a course with their progress', async () => {
      const res = await api()
        .get(`/courses/${f.courseId}/members`)
        .set(staff.auth)
        .query({ pageSize: 100 })
        .expect(200);
      const member = res.body.items.find((m: { userId: string }) => m.userId === s.user.id);
      expect(member).toMatchObject({
        email: s.user.email,
        completedClasses: 2,
        totalClasses: 7,
        percent: 28.6,
        lastActivityAt: expect.any(String),
      });
      expect(res.body.total).toBe(res.body.items.length);
      await api().get(`/courses/${f.courseId}/members`).set(s.auth).expect(403);
    });
  });
});
