import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { verifyPassword } from '../src/modules/users/auth/password.js';
import { upsertStaffAccount } from '../src/modules/users/staff-accounts.js';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { firstRow } from '../src/common/assert/defined.js';

describe('users API', () => {
  let t: TestApp;
  let student: Awaited<ReturnType<typeof createUserWithTokens>>;
  let staff: Awaited<ReturnType<typeof createUserWithTokens>>;
  let admin: Awaited<ReturnType<typeof createUserWithTokens>>;

  beforeAll(async () => {
    t = await createTestApp();
    student = await createUserWithTokens(t, 'student', 'zoe.student@example.com');
    staff = await createUserWithTokens(t, 'staff', 'sam.staff@example.com');
    admin = await createUserWithTokens(t, 'admin', 'ada.admin@example.com');
  });
  afterAll(() => t.close());

  describe('me', () => {
    it('returns the caller without any hash', async () => {
      const res = await request(t.http).get('/users/me').set(student.auth).expect(200);
      expect(res.body).toMatchObject({
        id: student.user.id,
        email: 'zoe.student@example.com',
        role: 'student',
      });
      expect(Object.keys(res.body).sort()).toEqual([
        'createdAt',
        'email',
        'emailVerified',
        'id',
        'image',
        'name',
        'role',
        'updatedAt',
      ]);
    });

    it('updates name and image, and clears them with null', async () => {
      const res = await request(t.http)
        .patch('/users/me')
        .set(student.auth)
        .send({ name: '  Zoe Park ', image: 'https://cdn.example.com/zoe.png' })
        .expect(200);
      expect(res.body).toMatchObject({ name: 'Zoe Park', image: 'https://cdn.example.com/zoe.png' });
      const cleared = await request(t.http)
        .patch('/users/me')
        .set(student.auth)
        .send({ image: null })
        .expect(200);
      expect(cleared.body).toMatchObject({ name: 'Zoe Park', image: null });
    });

    it('rejects bad values and unknown fields with 400 naming the field, writing nothing', async () => {
      const bad = await request(t.http)
        .patch('/users/me')
        .set(student.auth)
        .send({ image: 'javascript:alert(1)' })
        .expect(400);
      expect(bad.body.details).toEqual([{ field: 'image', messages: ['image must be an http(s) URL'] }]);
      const role = await request(t.http)
        .patch('/users/me')
        .set(student.auth)
        .send({ name: 'X', role: 'admin' })
        .expect(400);
      expect(role.body.details.map((d: { field: string }) => d.field)).toEqual(['role']);
      const me = await request(t.http).get('/users/me').set(student.auth).expect(200);
      expect(me.body).toMatchObject({ name: 'Zoe Park', role: 'student' });
    });
  });

  describe('staff directory', () => {
    it('lists with search, role filter, sort and pagination', async () => {
      const all = await request(t.http)
        .get('/users')
        .set(staff.auth)
        .query({ sort: 'email', pageSize: 2 })
        .expect(200);
      expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(all.body.items.map((u: { email: string }) => u.email)).toEqual([
        'ada.admin@example.com',
        'sam.staff@example.com',
      ]);
      const page2 = await request(t.http)
        .get('/users')
        .set(staff.auth)
        .query({ sort: 'email', pageSize: 2, page: 2 })
        .expect(200);
      expect(page2.body.items.map((u: { email: string }) => u.email)).toEqual(['zoe.student@example.com']);
      const search = await request(t.http).get('/users').set(staff.auth).query({ search: 'ZOE' }).expect(200);
      expect(search.body.items.map((u: { id: string }) => u.id)).toEqual([student.user.id]);
      const byRole = await request(t.http).get('/users').set(admin.auth).query({ role: 'staff' }).expect(200);
      expect(byRole.body.items.map((u: { id: string }) => u.id)).toEqual([staff.user.id]);
      const literal = await request(t.http).get('/users').set(staff.auth).query({ search: '%' }).expect(200);
      expect(literal.body.total).toBe(0);
    });

    it('validates list parameters', async () => {
      const res = await request(t.http)
        .get('/users')
        .set(staff.auth)
        .query({ pageSize: 1000, sort: 'password' })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['pageSize', 'sort']);
    });

    it('shows one user with enrolment count and last activity', async () => {
      const res = await request(t.http).get(`/users/${student.user.id}`).set(staff.auth).expect(200);
      expect(res.body).toMatchObject({ id: student.user.id, enrolmentsCount: 0, lastLearningAt: null });
      expect(new Date(res.body.lastLoginAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(res.body.lastActivityAt).toBe(res.body.lastLoginAt);
      await request(t.http).get('/users/nope').set(staff.auth).expect(404);
    });

    it('is closed to students', async () => {
      await request(t.http).get('/users').set(student.auth).expect(403);
      await request(t.http).get(`/users/${staff.user.id}`).set(student.auth).expect(403);
    });
  });

  describe('admin actions', () => {
    it('changes a role (admin only), ending that user’s sessions; not one’s own', async () => {
      const target = await createUserWithTokens(t, 'student');
      await request(t.http)
        .patch(`/users/${target.user.id}`)
        .set(staff.auth)
        .send({ role: 'staff' })
        .expect(403);
      const res = await request(t.http)
        .patch(`/users/${target.user.id}`)
        .set(admin.auth)
        .send({ role: 'staff' })
        .expect(200);
      expect(res.body.role).toBe('staff');
      await request(t.http).post('/auth/refresh').send({ refreshToken: target.refreshToken }).expect(401);
      await request(t.http)
        .patch(`/users/${target.user.id}`)
        .set(admin.auth)
        .send({ role: 'owner' })
        .expect(400);
      const self = await request(t.http)
        .patch(`/users/${admin.user.id}`)
        .set(admin.auth)
        .send({ role: 'student' })
        .expect(422);
      expect(self.body.error).toBe('cannot_change_self');
    });

    it('deletes a user with cascade, keeping their analytics events', async () => {
      const target = await createUserWithTokens(t, 'student');
      const conn = t.orm.em.getConnection();
      await conn.execute(`
        INSERT INTO courses (id, title, description, duration, level, type) VALUES ('c-del', 'C', 'D', 10, 'beginner', 'skill-based');
        INSERT INTO topics (id, course_id, title, "order") VALUES ('t-del', 'c-del', 'T', 1);
        INSERT INTO classes (id, topic_id, title, duration, "order") VALUES ('k-del', 't-del', 'K', 60, 1);
        INSERT INTO course_access (id, user_id, course_id) VALUES ('a-del', '${target.user.id}', 'c-del');
        INSERT INTO user_progress (id, user_id, class_id, watched_duration) VALUES ('p-del', '${target.user.id}', 'k-del', 30);
        INSERT INTO analytics_events (id, user_id, event_type) VALUES ('e-del', '${target.user.id}', 'we_page_load');`);
      await request(t.http).delete(`/users/${target.user.id}`).set(staff.auth).expect(403);
      await request(t.http).delete(`/users/${target.user.id}`).set(admin.auth).expect(204);
      await request(t.http).get(`/users/${target.user.id}`).set(admin.auth).expect(404);
      const [left] = await conn.execute(`SELECT
        (SELECT count(*) FROM course_access WHERE id = 'a-del')::int AS access,
        (SELECT count(*) FROM user_progress WHERE id = 'p-del')::int AS progress,
        (SELECT count(*) FROM auth_refresh_tokens WHERE user_id = '${target.user.id}')::int AS tokens,
        (SELECT user_id FROM analytics_events WHERE id = 'e-del') AS event_user`);
      expect(left).toEqual({ access: 0, progress: 0, tokens: 0, event_user: target.user.id });
      await request(t.http).delete(`/users/${admin.user.id}`).set(admin.auth).expect(422);
    });
  });

  describe('back-office accounts (user:create-admin)', () => {
    it('creates an admin with an argon2id password hash that never leaves the service', async () => {
      const { user, created } = await upsertStaffAccount(t.orm.em.fork(), {
        email: ' Ops@Example.com ',
        password: 'correct horse battery',
        role: 'admin',
      });
      expect(created).toBe(true);
      const row = firstRow(
        await t.orm.em
          .getConnection()
          .execute(`SELECT email, role, password_hash FROM users WHERE id = ?`, [user.id]),
        'the created user',
      );
      expect(row).toMatchObject({ email: 'ops@example.com', role: 'admin' });
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(row.password_hash, 'correct horse battery')).toBe(true);
      expect(await verifyPassword(row.password_hash, 'wrong')).toBe(false);
      const detail = await request(t.http).get(`/users/${user.id}`).set(admin.auth).expect(200);
      expect(JSON.stringify(detail.body)).not.toMatch(/argon|password/i);
      const again = await upsertStaffAccount(t.orm.em.fork(), {
        email: 'ops@example.com',
        password: 'another long one',
        role: 'staff',
      });
      expect(again).toMatchObject({ created: false, user: { id: user.id, role: 'staff' } });
    });
  });
});
