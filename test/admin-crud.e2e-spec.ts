import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type TestAgent from 'supertest/lib/agent.js';
import { createAccount, formPost, signInAs } from './utils/admin.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

type Params = Record<string, unknown>;
interface RecordJson {
  id: string;
  params: Params;
  errors: Record<string, { message: string }>;
  baseError: { message: string } | null;
}

const api = '/admin/api/resources';

describe('back office: CRUD through the AdminJS API', () => {
  let t: TestApp;
  let admin: TestAgent;
  let staff: TestAgent;
  let adminId: string;

  const sql = <T extends object>(query: string, params: unknown[] = []) =>
    t.orm.em.fork().getConnection().execute<T[]>(query, params);

  async function create(
    agent: TestAgent,
    resource: string,
    fields: Record<string, string>,
  ): Promise<RecordJson> {
    const res = await formPost(agent, `${api}/${resource}/actions/new`, fields).expect(200);
    return res.body.record as RecordJson;
  }
  async function edit(
    agent: TestAgent,
    resource: string,
    id: string,
    fields: Record<string, string>,
  ): Promise<RecordJson> {
    const res = await formPost(
      agent,
      `${api}/${resource}/records/${encodeURIComponent(id)}/edit`,
      fields,
    ).expect(200);
    return res.body.record as RecordJson;
  }
  const ok = (record: RecordJson) => {
    expect({ errors: record.errors, baseError: record.baseError }).toEqual({
      errors: {},
      baseError: null,
    });
    return record;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const signedIn = await signInAs(t, 'admin');
    admin = signedIn.agent;
    adminId = signedIn.account.id;
    staff = (await signInAs(t, 'staff')).agent;
  });
  afterAll(() => t.close());

  it('builds a course from courses, modules (with learning outcomes), topics and classes, with the catalog rules', async () => {
    const course = ok(
      await create(staff, 'courses', {
        title: 'Back-office course',
        description: 'D',
        level: 'beginner',
        type: 'skill-based',
        duration: '90',
      }),
    );
    expect(course.params).toMatchObject({
      title: 'Back-office course',
      duration: 90,
      level: 'beginner',
    });

    // text[]: a list of strings, persisted as such (blank entries dropped); order defaults to last.
    const module = ok(
      await create(staff, 'modules', {
        course: course.id,
        title: 'M1',
        description: 'Intro',
        'learningOutcomes.0': 'Read SQL',
        'learningOutcomes.1': ' Write joins ',
        'learningOutcomes.2': '',
      }),
    );
    expect(module.params).toMatchObject({
      order: 1,
      'learningOutcomes.0': 'Read SQL',
      'learningOutcomes.1': 'Write joins',
    });
    const [stored] = await sql<{ learning_outcomes: string[] }>(
      `SELECT learning_outcomes FROM modules WHERE id = ?`,
      [module.id],
    );
    expect(stored?.learning_outcomes).toEqual(['Read SQL', 'Write joins']);
    ok(
      await edit(staff, 'modules', module.id, {
        'learningOutcomes.0': 'Only one',
      }),
    );
    expect(
      (
        await sql<{ learning_outcomes: string[] }>(`SELECT learning_outcomes FROM modules WHERE id = ?`, [
          module.id,
        ])
      )[0]?.learning_outcomes,
    ).toEqual(['Only one']);
    ok(
      await edit(staff, 'modules', module.id, {
        learningOutcomes: '__FORM_VALUE_EMPTY_ARRAY__',
      }),
    );
    expect(
      (
        await sql<{ learning_outcomes: string[] }>(`SELECT learning_outcomes FROM modules WHERE id = ?`, [
          module.id,
        ])
      )[0]?.learning_outcomes,
    ).toEqual([]);
    const shown = await admin.get(`${api}/modules/records/${module.id}/show`).expect(200);
    expect(shown.body.record.params.title).toBe('M1');

    // A topic takes its module's course; another course is refused on the course field.
    const topic = ok(await create(staff, 'topics', { module: module.id, title: 'T1' }));
    expect(topic.params).toMatchObject({ course: course.id, order: 1 });
    const other = ok(
      await create(staff, 'courses', {
        title: 'Other',
        description: 'D',
        level: 'advanced',
        type: 'certification',
        duration: '10',
      }),
    );
    const mismatch = await create(staff, 'topics', {
      module: module.id,
      course: other.id,
      title: 'T2',
    });
    expect(mismatch.errors.course?.message).toMatch(/course of the topic/);

    // Content per type, URLs http(s), Markdown text kept as written.
    const video = await create(staff, 'classes', {
      topic: topic.id,
      title: 'Video',
      contentType: 'video',
      duration: '60',
    });
    expect(video.errors.videoUrl?.message).toMatch(/videoUrl is required/);
    const badUrl = await create(staff, 'classes', {
      topic: topic.id,
      title: 'Video',
      contentType: 'video',
      videoUrl: 'javascript:alert(1)',
      duration: '60',
    });
    expect(badUrl.errors.videoUrl?.message).toMatch(/http\(s\) URL/);
    const markdown = '# Joins\n\n- inner\n- **left**\n';
    const text = ok(
      await create(staff, 'classes', {
        topic: topic.id,
        title: 'Reading',
        contentType: 'text',
        textContent: markdown,
        duration: '300',
      }),
    );
    expect(text.params).toMatchObject({
      textContent: markdown,
      order: 1,
      contentType: 'text',
    });
    const second = ok(
      await create(staff, 'classes', {
        topic: topic.id,
        title: 'Video',
        contentType: 'video',
        videoUrl: 'https://video.example.com/1',
        duration: '60',
      }),
    );
    expect(second.params.order).toBe(2);

    // Classes can be listed by course (through their topic).
    const byCourse = await staff.get(`${api}/classes/actions/list?filters.course=${course.id}`).expect(200);
    expect(byCourse.body.records.map((r: RecordJson) => r.params.title).sort()).toEqual(['Reading', 'Video']);
  });

  it('shows every validation problem on its field, and database errors too (never a silent success)', async () => {
    const bad = await create(staff, 'courses', {
      title: '',
      description: 'D',
      level: 'expert',
      type: 'skill-based',
      duration: '1.5',
    });
    expect(Object.keys(bad.errors).sort()).toEqual(['duration', 'title']);
    const level = await create(staff, 'courses', {
      title: 'X',
      description: 'D',
      level: 'expert',
      type: 'skill-based',
      duration: '1',
    });
    expect(level.errors.level?.message).toMatch(/level must be one of/);
    expect(level.baseError?.message).toMatch(/level must be one of/);

    const course = ok(
      await create(staff, 'courses', {
        title: 'Dup',
        description: 'D',
        level: 'beginner',
        type: 'skill-based',
        duration: '1',
      }),
    );
    const account = await createAccount(t, 'student');
    ok(
      await create(staff, 'course_access', {
        user: account.id,
        course: course.id,
      }),
    );
    const duplicate = await create(staff, 'course_access', {
      user: account.id,
      course: course.id,
    });
    expect(duplicate.baseError?.message).toMatch(/already exists/);
    expect(Object.keys(duplicate.errors).sort()).toEqual(['course', 'user']);

    const missing = await create(staff, 'course_access', {
      user: 'no-such-user',
      course: course.id,
    });
    expect(missing.errors.user?.message).toMatch(/does not exist/);
    const count = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM course_access WHERE course_id = ?`,
      [course.id],
    );
    expect(count).toEqual([{ n: 1 }]);
  });

  it('stamps and clears completion timestamps on progress, and filters progress by user, class and completion', async () => {
    const course = ok(
      await create(staff, 'courses', {
        title: 'P',
        description: 'D',
        level: 'beginner',
        type: 'skill-based',
        duration: '1',
      }),
    );
    const topic = ok(await create(staff, 'topics', { course: course.id, title: 'T' }));
    const lesson = ok(
      await create(staff, 'classes', {
        topic: topic.id,
        title: 'C',
        contentType: 'contest',
        contestUrl: 'https://contest.example.com',
        duration: '10',
      }),
    );
    const account = await createAccount(t, 'student');
    const progress = ok(
      await create(staff, 'user_progress', {
        user: account.id,
        courseClass: lesson.id,
        watchedDuration: '10',
        isCompleted: 'true',
      }),
    );
    expect(progress.params.completedAt).toEqual(expect.any(String));
    const undone = ok(await edit(staff, 'user_progress', progress.id, { isCompleted: 'false' }));
    expect(undone.params.completedAt).toBeNull();
    const negative = await edit(staff, 'user_progress', progress.id, {
      watchedDuration: '-5',
    });
    expect(negative.errors.watchedDuration?.message).toMatch(/≥ 0/);

    const list = await staff
      .get(`${api}/user_progress/actions/list?filters.user=${account.id}&filters.isCompleted=false`)
      .expect(200);
    expect(list.body.records.map((r: RecordJson) => r.id)).toEqual([progress.id]);
    const none = await staff
      .get(`${api}/user_progress/actions/list?filters.user=${account.id}&filters.isCompleted=true`)
      .expect(200);
    expect(none.body.records).toEqual([]);
  });

  it('searches users by e-mail or name, and only admins change roles or delete users (never themselves)', async () => {
    const account = await createAccount(t, 'student');
    ok(await edit(staff, 'users', account.id, { name: 'Zoë Searchable' }));
    const byName = await staff.get(`${api}/users/actions/list?filters.email=zo%C3%AB%20search`).expect(200);
    expect(byName.body.records.map((r: RecordJson) => r.id)).toEqual([account.id]);
    const search = await staff
      .get(`${api}/users/search/${encodeURIComponent(account.email.slice(0, 12).toUpperCase())}`)
      .expect(200);
    expect(search.body.records.map((r: RecordJson) => r.id)).toContain(account.id);

    // A refused privileged edit is a 403 now (was 200 with the field error), still naming the field.
    const byStaff = await formPost(staff, `${api}/users/records/${account.id}/edit`, {
      role: 'admin',
    }).expect(403);
    expect(byStaff.body.record.errors.role.message).toMatch(/Only an admin/);
    ok(await edit(admin, 'users', account.id, { role: 'staff' }));
    expect((await sql<{ role: string }>(`SELECT role FROM users WHERE id = ?`, [account.id]))[0]?.role).toBe(
      'staff',
    );
    const self = await edit(admin, 'users', adminId, { role: 'staff' });
    expect(self.baseError?.message).toMatch(/yourself|own|cannot/i);

    await staff.post(`${api}/users/records/${account.id}/delete`).expect(403);
    const selfDelete = await admin.post(`${api}/users/records/${adminId}/delete`).expect(200);
    expect(selfDelete.body.notice.type).toBe('error');
    await admin.post(`${api}/users/records/${account.id}/delete`).expect(200);
    expect(await sql(`SELECT 1 FROM users WHERE id = ?`, [account.id])).toEqual([]);
  });

  it('deletes a course after confirmation that says what cascades', async () => {
    const list = await staff.get(`${api}/courses/actions/list`).expect(200);
    const course = list.body.records.find(
      (r: RecordJson) => r.params.title === 'Back-office course',
    ) as RecordJson;
    const deleteAction =
      course.params &&
      (list.body.records[0].recordActions as { name: string; guard: string }[]).find(
        (a) => a.name === 'delete',
      );
    expect(deleteAction?.guard).toMatch(/modules, topics, classes/);
    await staff.post(`${api}/courses/records/${course.id}/delete`).expect(200);
    expect(await sql(`SELECT 1 FROM modules WHERE course_id = ?`, [course.id])).toEqual([]);
  });

  it('keeps raw events read-only and System tables to admins', async () => {
    await sql(
      `INSERT INTO analytics_events (id, event_type, session_id, custom_data) VALUES ('ev-1', 'we_page_load', 'ev-sess', '{"n": 1}')`,
    );
    // The events table's key is (id, timestamp): AdminJS addresses a row by the adapter's one record id.
    const listed = await admin
      .get(`${api}/analytics_events/actions/list`)
      .query({ 'filters.sessionId': 'ev-sess' })
      .expect(200);
    expect(listed.body.records).toHaveLength(1);
    const event = { id: listed.body.records[0].id as string };
    const shown = await admin.get(`${api}/analytics_events/records/${event.id}/show`).expect(200);
    expect(shown.body.record.params).toMatchObject({ id: 'ev-1', eventType: 'we_page_load' });
    await formPost(admin, `${api}/analytics_events/actions/new`, {
      eventType: 'x',
    }).expect(403);
    await formPost(admin, `${api}/analytics_events/records/${event.id}/edit`, {
      eventType: 'x',
    }).expect(403);
    await admin.post(`${api}/analytics_events/records/${event.id}/delete`).expect(403);

    for (const resource of [
      'admin_sessions',
      'auth_refresh_tokens',
      'auth_otp_codes',
      'rate_limit_counters',
    ]) {
      await staff.get(`${api}/${resource}/actions/list`).expect(403);
      const res = await admin.get(`${api}/${resource}/actions/list`).expect(200);
      expect(JSON.stringify(res.body)).not.toMatch(/codeHash|secretHash|passwordHash|code_hash|secret_hash/);
    }
    await formPost(admin, `${api}/admin_sessions/actions/new`, {
      sid: 'x',
    }).expect(403);
  });

  it('grants and revokes course access for picked users', async () => {
    const course = ok(
      await create(staff, 'courses', {
        title: 'Access',
        description: 'D',
        level: 'beginner',
        type: 'skill-based',
        duration: '1',
      }),
    );
    const a = await createAccount(t, 'student');
    const b = await createAccount(t, 'student');
    const granted = await formPost(staff, `${api}/courses/records/${course.id}/grantAccess`, {
      userIds: `${a.id},${b.id}`,
    }).expect(200);
    expect(granted.body.notice).toMatchObject({
      type: 'success',
      message: 'Access granted to 2 user(s)',
    });
    const again = await formPost(staff, `${api}/courses/records/${course.id}/grantAccess`, {
      userIds: a.id,
    }).expect(200);
    expect(again.body.notice.message).toMatch(/0 user\(s\) \(1 already had it\)/);
    const revoked = await formPost(staff, `${api}/courses/records/${course.id}/revokeAccess`, {
      userIds: a.id,
    }).expect(200);
    expect(revoked.body.notice.message).toBe('Access revoked for 1 user(s)');
    const members = await sql<{ user_id: string }>(`SELECT user_id FROM course_access WHERE course_id = ?`, [
      course.id,
    ]);
    expect(members.map((m) => m.user_id)).toEqual([b.id]);
  });

  it('serves the dashboard figures and the rollup page; only admins run the rollup', async () => {
    const dashboard = await staff.get('/admin/api/dashboard').expect(200);
    expect(dashboard.body.dailyActiveUsers).toHaveLength(30);
    expect(dashboard.body.enrolmentsPerWeek).toHaveLength(12);
    expect(dashboard.body.loginFunnel.map((s: { step: string }) => s.step)[0]).toBe('Visited login page');
    const rollup = await staff.get('/admin/api/pages/analyticsRollup').expect(200);
    expect(rollup.body).toMatchObject({ available: true, canRun: false, status: { ledger: [] } });
    const refused = await formPost(staff, '/admin/api/pages/analyticsRollup', {
      from: '2026-01-01',
      to: '2026-01-01',
    }).expect(200);
    expect(refused.body.error).toBe('Only an admin runs the rollup');
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const ran = await formPost(admin, '/admin/api/pages/analyticsRollup', { from: day, to: day }).expect(200);
    expect(ran.body).toMatchObject({
      available: true,
      canRun: true,
      ran: [expect.objectContaining({ day })],
    });
    expect(await sql(`SELECT DISTINCT day::text AS day FROM analytics_rollup_ledger`)).toEqual([{ day }]);
    // The ledger table's columns (day, status, rows, duration, error) come with the status.
    expect(ran.body.status.ledger).toEqual([
      expect.objectContaining({ day, done: expect.any(Number), duration_ms: expect.anything(), error: null }),
    ]);
  });
});
