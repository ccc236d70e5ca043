import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { hashPassword } from '../src/modules/users/auth/password.js';
import { createAccount, formPost, signIn, signInAs } from './utils/admin.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const api = '/admin/api/resources';

/**
 * The sign-in limits count in fixed 15-minute windows: a test that crossed a window's end would
 * see its counts reset, so each such test starts at least 45 s before one.
 */
async function awayFromWindowEnd(): Promise<void> {
  const left = 15 * 60_000 - (Date.now() % (15 * 60_000));
  if (left < 45_000) await new Promise((done) => setTimeout(done, left + 200));
}

describe('back office: staff cannot take accounts over (issue 18, item 1)', () => {
  let t: TestApp;
  let admin: TestAgent;
  let staff: TestAgent;
  let adminAccount: { id: string; email: string };
  let staffAccount: { id: string; email: string };

  const sql = <T extends object>(query: string, params: unknown[] = []) =>
    t.orm.em.fork().getConnection().execute<T[]>(query, params);
  const userRow = async (id: string) =>
    (
      await sql<{ email: string; name: string | null; image: string | null; role: string }>(
        `SELECT email, name, image, role FROM users WHERE id = ?`,
        [id],
      )
    )[0];
  const edit = (agent: TestAgent, id: string, fields: Record<string, string>) =>
    formPost(agent, `${api}/users/records/${id}/edit`, fields);
  const audits = (action: string, targetId: string) =>
    sql<{ actor_id: string; details: Record<string, unknown>; ip: string | null }>(
      `SELECT actor_id, details, ip FROM audit_events WHERE action = ? AND target_id = ? ORDER BY at`,
      [action, targetId],
    );

  beforeAll(async () => {
    t = await createTestApp();
    const a = await signInAs(t, 'admin');
    admin = a.agent;
    adminAccount = a.account;
    const s = await signInAs(t, 'staff');
    staff = s.agent;
    staffAccount = s.account;
  });
  afterAll(() => t.close());

  it('refuses a staff member changing an admin’s e-mail (403 naming the field), changes nothing, audits the refusal', async () => {
    const before = await userRow(adminAccount.id);
    const res = await edit(staff, adminAccount.id, { email: 'attacker@evil.example' }).expect(403);
    expect(res.body.record.errors.email.message).toMatch(/Only an admin/);
    expect(await userRow(adminAccount.id)).toEqual(before);
    const [refusal] = await audits('user.edit_refused', adminAccount.id);
    expect(refusal).toMatchObject({ actor_id: staffAccount.id, details: { field: 'email' } });
    expect(refusal?.ip).toBeTruthy();
  });

  it('refuses a staff member rewriting another staff account’s name or image, or a student’s e-mail', async () => {
    const other = await createAccount(t, 'staff');
    const before = await userRow(other.id);
    const byName = await edit(staff, other.id, { name: 'Renamed by staff' }).expect(403);
    expect(byName.body.record.errors.name).toBeDefined();
    const byImage = await edit(staff, other.id, { image: 'https://evil.example/me.png' }).expect(403);
    expect(byImage.body.record.errors.image).toBeDefined();
    const bySelf = await edit(staff, staffAccount.id, { name: 'My own name' }).expect(403);
    expect(bySelf.body.record.errors.name).toBeDefined();
    expect(await userRow(other.id)).toEqual(before);

    const student = await createAccount(t, 'student');
    const renamed = await edit(staff, student.id, { name: 'Zoë Student' }).expect(200);
    expect(renamed.body.record.errors).toEqual({});
    expect((await userRow(student.id))?.name).toBe('Zoë Student');
    const byEmail = await edit(staff, student.id, { email: 'mine@evil.example' }).expect(403);
    expect(byEmail.body.record.errors.email.message).toMatch(/Only an admin/);
    expect((await userRow(student.id))?.email).toBe(student.email);
  });

  it('refuses a staff member creating a staff account, and deleting users', async () => {
    const res = await formPost(staff, `${api}/users/actions/new`, {
      email: 'new-staff@example.com',
      role: 'staff',
    }).expect(403);
    expect(res.body.record.errors.role).toBeDefined();
    expect(await sql(`SELECT 1 FROM users WHERE email = 'new-staff@example.com'`)).toEqual([]);
    const student = await createAccount(t, 'student');
    await staff.post(`${api}/users/records/${student.id}/delete`).expect(403);
    expect(await userRow(student.id)).toBeDefined();
  });

  it('lets an admin change an e-mail: audited, and the user’s refresh tokens and back-office session end', async () => {
    const student = await createAccount(t, 'student');
    await sql(
      `INSERT INTO auth_refresh_tokens (id, user_id, family, secret_hash, expires_at) VALUES ('rt-1', ?, 'f-1', 'h', now() + interval '1 day')`,
      [student.id],
    );
    const verified = async () =>
      (
        await sql<{ v: boolean }>(`SELECT email_verified IS NOT NULL AS v FROM users WHERE id = ?`, [
          student.id,
        ])
      )[0]?.v;
    expect(await verified()).toBe(true);
    const bad = await edit(admin, student.id, { email: 'not an address' }).expect(200);
    expect(bad.body.record.errors.email.message).toMatch(/valid e-mail/);
    expect((await userRow(student.id))?.email).toBe(student.email);
    const res = await edit(admin, student.id, { email: '  New.Address@Example.com ' }).expect(200);
    expect(res.body.record.errors).toEqual({});
    expect((await userRow(student.id))?.email).toBe('new.address@example.com');
    // Nobody has proven the new address yet: it is unverified until its first code sign-in.
    expect(await verified()).toBe(false);
    expect(res.body.record.params.emailVerified ?? null).toBeNull();
    const [token] = await sql<{ revoked_at: Date | null }>(
      `SELECT revoked_at FROM auth_refresh_tokens WHERE id = 'rt-1'`,
    );
    expect(token?.revoked_at).not.toBeNull();
    const [changed] = await audits('user.email_changed', student.id);
    expect(changed).toMatchObject({
      actor_id: adminAccount.id,
      details: { from: student.email, to: 'new.address@example.com' },
    });

    // A staff member whose e-mail an admin changes is signed out of the back office.
    const other = await createAccount(t, 'staff');
    const otherAgent = await signIn(t, other);
    await otherAgent.get(`${api}/courses/actions/list`).expect(200);
    await edit(admin, other.id, { email: `moved-${other.email}` }).expect(200);
    await otherAgent.get(`${api}/courses/actions/list`).expect(401);
  });

  it('records role changes and deletions in the audit log, which only admins read and nobody deletes', async () => {
    const student = await createAccount(t, 'student');
    await edit(admin, student.id, { role: 'staff' }).expect(200);
    expect(await audits('user.role_changed', student.id)).toHaveLength(1);
    await admin.post(`${api}/users/records/${student.id}/delete`).expect(200);
    expect(await audits('user.deleted', student.id)).toHaveLength(1);

    const created = await formPost(admin, `${api}/users/actions/new`, {
      email: 'made-staff@example.com',
      role: 'staff',
    }).expect(200);
    expect(await audits('user.created', created.body.record.id as string)).toHaveLength(1);

    await staff.get(`${api}/audit_events/actions/list`).expect(403);
    const list = await admin.get(`${api}/audit_events/actions/list?perPage=50`).expect(200);
    const actions = list.body.records.map((r: { params: { action: string } }) => r.params.action);
    expect(actions).toEqual(expect.arrayContaining(['user.deleted', 'user.role_changed']));
    const id = list.body.records[0].id as string;
    await admin.post(`${api}/audit_events/records/${id}/delete`).expect(403);
    await formPost(admin, `${api}/audit_events/records/${id}/edit`, { action: 'x' }).expect(403);
  });

  it('keeps an access grant’s or a progress record’s learner: editing cannot move them to someone else', async () => {
    const [ann, bob] = [await createAccount(t, 'student'), await createAccount(t, 'student')];
    await sql(
      `INSERT INTO courses (id, title, description, duration, level, type) VALUES ('c-own', 'C', 'D', 1, 'beginner', 'skill-based')`,
    );
    await sql(
      `INSERT INTO modules (id, course_id, title, description, "order") VALUES ('m-own', 'c-own', 'M', 'D', 1)`,
    );
    await sql(
      `INSERT INTO topics (id, course_id, module_id, title, "order") VALUES ('t-own', 'c-own', 'm-own', 'T', 1)`,
    );
    await sql(
      `INSERT INTO classes (id, topic_id, title, content_type, video_url, duration, "order") VALUES ('cl-own', 't-own', 'K', 'video', 'https://v.example.com/1', 60, 1)`,
    );
    await sql(`INSERT INTO course_access (id, user_id, course_id) VALUES ('ca-own', ?, 'c-own')`, [ann.id]);
    await sql(
      `INSERT INTO user_progress (id, user_id, class_id, watched_duration, is_completed) VALUES ('up-own', ?, 'cl-own', 30, true)`,
      [ann.id],
    );
    const grant = await formPost(staff, `${api}/course_access/records/ca-own/edit`, { user: bob.id }).expect(
      200,
    );
    expect(grant.body.record.errors.user).toBeDefined();
    const progress = await formPost(staff, `${api}/user_progress/records/up-own/edit`, {
      user: bob.id,
    }).expect(200);
    expect(progress.body.record.errors.user).toBeDefined();
    expect(await sql(`SELECT user_id FROM course_access WHERE id = 'ca-own'`)).toEqual([{ user_id: ann.id }]);
    expect(await sql(`SELECT user_id FROM user_progress WHERE id = 'up-own'`)).toEqual([{ user_id: ann.id }]);
    // Other fields still change, with the same learner sent back as the form does.
    const same = await formPost(staff, `${api}/user_progress/records/up-own/edit`, {
      user: ann.id,
      watchedDuration: '45',
    }).expect(200);
    expect(same.body.record.errors).toEqual({});
  });

  it('writes only the fields its forms show: a hand-made request cannot set a password, a subscription’s author, a chosen id', async () => {
    const sub = await formPost(staff, `${api}/report_subscriptions/actions/new`, {
      name: 'Mine',
      report: 'engagement/active-users',
      range: 'last_7_days',
      schedule: '0 7 * * 1',
      'recipients.0': 'me@example.com',
    }).expect(200);
    expect(sub.body.record.errors).toEqual({});
    const id = sub.body.record.id as string;
    const row = () =>
      sql(
        `SELECT created_by_id, failures, next_run_at > now() AS due_later FROM report_subscriptions WHERE id = ?`,
        [id],
      );
    const before = await row();
    expect(before).toEqual([{ created_by_id: staffAccount.id, failures: 0, due_later: true }]);
    // Fields the form does not show (AdminJS passes every field of a request on to the resource).
    const forged = await formPost(staff, `${api}/report_subscriptions/records/${id}/edit`, {
      name: 'Mine, renamed',
      createdBy: adminAccount.id,
      nextRunAt: '2000-01-01T00:00:00.000Z',
      failures: '9',
    }).expect(200);
    expect(forged.body.record.errors).toEqual({});
    expect(await row()).toEqual(before);
    expect(await sql(`SELECT name FROM report_subscriptions WHERE id = ?`, [id])).toEqual([
      { name: 'Mine, renamed' },
    ]);

    // Nor a password: nobody sets one in the back office (the CLI does), least of all on an admin.
    const known = 'a password the attacker knows';
    const hashOf = async (id: string) =>
      (await sql<{ h: string }>(`SELECT password_hash AS h FROM users WHERE id = ?`, [id]))[0]?.h;
    const adminHash = await hashOf(adminAccount.id);
    const student = await createAccount(t, 'student');
    const studentHash = await hashOf(student.id);
    for (const [agent, id] of [
      [staff, adminAccount.id],
      [staff, student.id],
      [admin, adminAccount.id],
    ] as const) {
      await edit(agent, id, { passwordHash: await hashPassword(known) });
    }
    expect(await hashOf(adminAccount.id)).toBe(adminHash);
    expect(await hashOf(student.id)).toBe(studentHash);
    await request(t.http)
      .post('/admin/login')
      .type('form')
      .send({ email: adminAccount.email, password: known })
      .expect(401);

    // A new record's id is the server's, not one the request names.
    const made = await formPost(staff, `${api}/users/actions/new`, {
      email: 'chosen-id@example.com',
      id: 'chosen-id',
    }).expect(200);
    expect(made.body.record.errors).toEqual({});
    expect(made.body.record.id).not.toBe('chosen-id');
    expect(await sql(`SELECT id FROM users WHERE id = 'chosen-id'`)).toEqual([]);
  });

  it('applies the API’s http(s) rule to a user’s image in the back office', async () => {
    const student = await createAccount(t, 'student');
    const bad = await edit(admin, student.id, { image: 'javascript:alert(1)' }).expect(200);
    expect(bad.body.record.errors.image.message).toMatch(/http\(s\) URL/);
    expect((await userRow(student.id))?.image).toBeNull();
    const created = await formPost(admin, `${api}/users/actions/new`, {
      email: 'img@example.com',
      image: 'data:text/html,hi',
    }).expect(200);
    expect(created.body.record.errors.image).toBeDefined();
    const good = await edit(admin, student.id, { image: 'https://cdn.example.com/a.png' }).expect(200);
    expect(good.body.record.errors).toEqual({});
    expect((await userRow(student.id))?.image).toBe('https://cdn.example.com/a.png');
    // A course's thumbnail too, as the API refuses it.
    const course = await formPost(staff, `${api}/courses/actions/new`, {
      title: 'Thumbnail',
      description: 'D',
      level: 'beginner',
      type: 'skill-based',
      duration: '5',
      thumbnail: 'javascript:alert(1)',
    }).expect(200);
    expect(course.body.record.errors.thumbnail.message).toMatch(/http\(s\) URL/);
    expect(await sql(`SELECT id FROM courses WHERE title = 'Thumbnail'`)).toEqual([]);
  });
});

describe('back office: requests from other sites, bad bodies, unknown ids (issue 18, low items)', () => {
  let t: TestApp;
  let admin: TestAgent;

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await signInAs(t, 'admin')).agent;
  });
  afterAll(() => t.close());

  it('refuses state-changing requests whose Origin, Referer or Sec-Fetch-Site names another site', async () => {
    const course = {
      title: 'Cross-site',
      description: 'D',
      level: 'beginner',
      type: 'skill-based',
      duration: '5',
    };
    const post = () => formPost(admin, `${api}/courses/actions/new`, course);
    await post().set('Origin', 'https://evil.example').expect(403);
    await post().set('Origin', 'null').expect(403);
    await post().set('Referer', 'https://evil.example/page').expect(403);
    await post().set('Sec-Fetch-Site', 'cross-site').expect(403);
    const count = async () =>
      (
        await t.orm.em
          .fork()
          .getConnection()
          .execute<{ n: number }[]>(`SELECT count(*)::int AS n FROM courses WHERE title = 'Cross-site'`)
      )[0]?.n;
    expect(await count()).toBe(0);
    // Same host as the request's Host header: accepted.
    await post().set('Host', 'admin.local').set('Origin', 'http://admin.local').expect(200);
    await post().set('Host', 'admin.local').set('Referer', 'http://admin.local/admin/resources').expect(200);
    await post().set('Sec-Fetch-Site', 'same-origin').expect(200);
    expect(await count()).toBe(3);
    // The login form is covered too (login CSRF).
    await request(t.http)
      .post('/admin/login')
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ email: 'a@example.com', password: 'x' })
      .expect(403);
  });

  it('shows our own login text (what this is, who may sign in), not AdminJS marketing (issue 14 §4)', async () => {
    const page = await request(t.http).get('/admin/login').expect(200);
    expect(page.text).toContain('Only staff and admin accounts may sign in');
    expect(page.text).not.toContain('open-source auto-generated admin panel');
    expect(page.text).not.toContain('fonts.googleapis');
  });

  it('serves /favicon.ico (200, an image) instead of a 404 on every page (issue 14 §4)', async () => {
    const icon = await request(t.http).get('/favicon.ico').expect(200);
    expect(icon.headers['content-type']).toMatch(/^image\//);
    expect(icon.headers['cache-control']).toContain('max-age');
  });

  it('answers a JSON or broken multipart login body with 4xx, never 500', async () => {
    const json = await request(t.http)
      .post('/admin/login')
      .set('Content-Type', 'application/json')
      .send('{"email":"a@example.com","password":"x"}')
      .expect(415);
    expect(json.body).toMatchObject({ statusCode: 415, error: 'unsupported_media_type' });
    const badJson = await request(t.http)
      .post('/admin/login')
      .set('Content-Type', 'application/json')
      .send('{not json');
    expect([400, 415]).toContain(badJson.status);
    const broken = await request(t.http)
      .post('/admin/login')
      .set('Content-Type', 'multipart/form-data; boundary=XYZ')
      .send('--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\na@example.com\r\n--XY')
      .expect(400);
    expect(broken.body).toMatchObject({ statusCode: 400, error: 'bad_request' });
    expect(broken.body.requestId).toBeDefined();
  });

  it('answers NUL characters and lone surrogates in a form, a filter or a path with 400 naming the field; a number too big for its column is an error on that field', async () => {
    const student = await createAccount(t, 'student');
    const expectBadField = (res: request.Response, field: string) => {
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body).toMatchObject({ statusCode: 400, error: 'validation_failed' });
      expect(res.body.details).toEqual([expect.objectContaining({ field })]);
    };
    // formidable parses JSON bodies too, so a form value can carry what multipart cannot.
    const json = (url: string, body: string) =>
      admin.post(`${api}/${url}`).set('Content-Type', 'application/json').send(body);
    // An e-mail (isEmail threw URIError: 500), a report's recipient (the same), a name (PostgreSQL refused it).
    expectBadField(
      await json(`users/records/${student.id}/edit`, '{"email":"\\ud800@example.com"}'),
      'email',
    );
    expectBadField(await json('users/actions/new', '{"email":"x\\udfff@example.com"}'), 'email');
    expectBadField(
      await json(
        'report_subscriptions/actions/new',
        '{"name":"n","report":"engagement/active-users","range":"last_7_days","schedule":"0 7 * * 1","recipients":["\\ud800@example.com"]}',
      ),
      'recipients.0',
    );
    expectBadField(await json(`users/records/${student.id}/edit`, '{"name":"a\\u0000b"}'), 'name');
    expectBadField(await formPost(admin, `${api}/courses/actions/new`, { title: 'a\u0000b' }), 'title');
    // A NUL in a filter cut the statement short: PostgreSQL dropped the connection and the answer was a 503.
    expectBadField(await admin.get(`${api}/courses/actions/list?filters.title=%00`), 'filters.title');
    expectBadField(await admin.get(`${api}/users/records/%00/show`), 'path');
    // A number the column cannot hold is an error on its field (was the database's refusal, on no field).
    for (const duration of ['99999999999999999999', '2147483648', '-2147483649']) {
      const huge = await formPost(admin, `${api}/courses/actions/new`, {
        title: 'Huge',
        description: 'D',
        level: 'beginner',
        type: 'skill-based',
        duration,
      }).expect(200);
      expect(huge.body.record.errors).toEqual({
        duration: { message: 'duration must be between -2147483647 and 2147483647', type: 'invalid' },
      });
    }
    expect(
      await t.orm.em.fork().getConnection().execute(`SELECT id FROM courses WHERE title = 'Huge'`),
    ).toEqual([]);
    const [row] = await t.orm.em
      .fork()
      .getConnection()
      .execute<{ email: string; name: string }[]>(`SELECT email, name FROM users WHERE id = ?`, [student.id]);
    expect(row).toEqual({ email: student.email, name: expect.not.stringContaining('\u0000') });
  });

  it('answers an unknown resource or record with 404 JSON', async () => {
    const resource = await admin.get(`${api}/nope/actions/list`).expect(404);
    expect(resource.body).toMatchObject({ statusCode: 404, error: 'not_found' });
    const page = await admin.get('/admin/resources/nope').expect(404);
    expect(page.body.error).toBe('not_found');
    const record = await admin.get(`${api}/users/records/no-such-user/show`).expect(404);
    expect(record.body.record?.baseError?.type ?? record.body.error).toMatch(/NotFound|not_found/);
  });

  it('answers a bulk action without record ids, with ids given twice or with unknown ids with 4xx JSON naming recordIds', async () => {
    const bulk = `${api}/courses/bulk/bulkDelete`;
    for (const query of ['', '?recordIds=', '?recordIds=a&recordIds=b', '?recordIds[x]=a']) {
      const res = await admin.post(`${bulk}${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body).toMatchObject({ statusCode: 400, error: 'validation_failed' });
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'recordIds' })]);
      const shown = await admin.get(`${bulk}${query}`).expect(400);
      expect(shown.body.details[0].field).toBe('recordIds');
    }
    const unknown = await admin.get(`${bulk}?recordIds=no-such-course`).expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'not_found' });
  });
});

describe('back office: sign-in limits count failures, per client and address (issue 18, item 4)', () => {
  let t: TestApp;
  beforeEach(awayFromWindowEnd, 60_000);

  const login = (ip: string, form: { email: string; password: string }) =>
    request(t.http).post('/admin/login').set('X-Forwarded-For', ip).type('form').send(form);

  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  it('does not lock the real admin out when many addresses fail on their e-mail', async () => {
    const account = await createAccount(t, 'admin');
    for (let i = 1; i <= 12; i += 1)
      await login(`203.0.113.${i}`, { email: account.email, password: 'wrong password!' }).expect(401);
    await login('198.51.100.7', account).expect(302).expect('location', '/admin');
  });

  it('answers 429 with Retry-After to one client hammering an address, while the owner still signs in', async () => {
    const account = await createAccount(t, 'admin');
    for (let i = 0; i < 5; i += 1)
      await login('192.0.2.50', { email: account.email, password: 'wrong password!' }).expect(401);
    const blocked = await login('192.0.2.50', account).expect(429);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    await login('198.51.100.8', account).expect(302);
    // An IPv6 client counts by its /64: other addresses in it are the same client.
    const v6 = await createAccount(t, 'staff');
    for (let i = 1; i <= 5; i += 1)
      await login(`2001:db8:1:2::${i}`, { email: v6.email, password: 'wrong password!' }).expect(401);
    await login('2001:db8:1:2::ff', v6).expect(429);
    await login('2001:db8:1:3::1', v6).expect(302);
  });

  it('limits one client across addresses, and never counts successful sign-ins', async () => {
    for (let i = 0; i < 10; i += 1)
      await login('192.0.2.60', { email: `nobody-${i}@example.com`, password: 'wrong password!' }).expect(
        401,
      );
    await login('192.0.2.60', { email: 'nobody-x@example.com', password: 'wrong password!' }).expect(429);

    const account = await createAccount(t, 'staff');
    for (let i = 0; i < 12; i += 1) await login('192.0.2.70', account).expect(302);
  });
});

describe('back office: an address is locked only by failures from many clients', () => {
  let t: TestApp;
  beforeEach(awayFromWindowEnd, 60_000);
  const login = (ip: string, form: { email: string; password: string }) =>
    request(t.http).post('/admin/login').set('X-Forwarded-For', ip).type('form').send(form);

  beforeAll(async () => {
    // 2 failures per client: the address-wide threshold is 20.
    t = await createTestApp({ TRUST_PROXY: 'true', ADMIN_LOGIN_RATE_LIMIT: '2' });
  });
  afterAll(() => t.close());

  it('locks the address for the rest of the window after 20 failures from 10 clients, not before', async () => {
    const account = await createAccount(t, 'admin');
    for (let i = 1; i <= 10; i += 1) {
      for (let j = 0; j < 2; j += 1)
        await login(`203.0.113.${i}`, { email: account.email, password: 'wrong password!' }).expect(401);
      // Below the threshold the owner signs in (and that success does not count).
      if (i === 9) await login('198.51.100.9', account).expect(302);
    }
    const locked = await login('198.51.100.9', account).expect(429);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // Refused attempts do not count on the address: the count stays at the threshold.
    const [row] = await t.orm.em
      .fork()
      .getConnection()
      .execute<{ hits: number }[]>(`SELECT hits FROM rate_limit_counters WHERE key = ?`, [
        `admin-login-fail-email:${account.email}`,
      ]);
    expect(row?.hits).toBe(20);
  });
});
