import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createUserWithTokens } from './utils/auth.js';
import { createAccount, formPost, signInAs } from './utils/admin.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

interface RecordJson {
  id: string;
  params: Record<string, unknown>;
  errors: Record<string, { message: string }>;
  baseError: { message: string } | null;
}
const api = '/admin/api/resources';

/**
 * Who someone is, in the back office: a staff member must not be able to point an admin's (or
 * anyone's) e-mail at an address they read, then log in as them with a code sent there.
 */
describe('back office: identity edits', () => {
  let t: TestApp;
  let staff: TestAgent;
  let admin: TestAgent;
  let adminAccount: { id: string; email: string };

  const sql = <T extends object>(query: string, params: unknown[] = []) =>
    t.orm.em.fork().getConnection().execute<T[]>(query, params);
  const userRow = async (id: string) =>
    (
      await sql<{
        email: string;
        name: string | null;
        image: string | null;
        role: string;
        email_verified: Date | null;
      }>('SELECT email, name, image, role, email_verified FROM users WHERE id = ?', [id])
    )[0];
  async function edit(agent: TestAgent, id: string, fields: Record<string, string>): Promise<RecordJson> {
    const res = await formPost(agent, `${api}/users/records/${id}/edit`, fields);
    expect(res.status).toBe(200);
    return res.body.record as RecordJson;
  }

  beforeAll(async () => {
    t = await createTestApp();
    const signedInAdmin = await signInAs(t, 'admin');
    admin = signedInAdmin.agent;
    adminAccount = signedInAdmin.account;
    staff = (await signInAs(t, 'staff')).agent;
  });
  afterAll(() => t.close());

  it("refuses a staff member changing an admin's e-mail, changes nothing, and audits the attempt", async () => {
    const before = await userRow(adminAccount.id);
    const record = await edit(staff, adminAccount.id, { email: 'attacker@evil.example' });
    expect(record.errors.email.message).toMatch(/Only an admin changes an e-mail/);
    expect(await userRow(adminAccount.id)).toEqual(before);
    const audit = await sql<{ action: string; target_id: string }>(
      `SELECT action, target_id FROM audit_events WHERE action = 'user.edit_refused'`,
    );
    expect(audit).toContainEqual({ action: 'user.edit_refused', target_id: adminAccount.id });
    // And the attacker's address gets no login for the admin: no code is ever issued to it for that account.
    expect(await sql(`SELECT 1 FROM users WHERE email = 'attacker@evil.example'`)).toEqual([]);
  });

  it("refuses staff editing a staff or admin account's name, picture or verification", async () => {
    const otherStaff = await createAccount(t, 'staff');
    const attempts: Record<string, string>[] = [
      { name: 'Evil' },
      { image: 'https://evil.example/x.png' },
      { emailVerified: '' },
    ];
    for (const fields of attempts) {
      const before = await userRow(otherStaff.id);
      const record = await edit(staff, otherStaff.id, fields);
      expect(Object.keys(record.errors)).toEqual(Object.keys(fields));
      expect(await userRow(otherStaff.id)).toEqual(before);
    }
    const adminName = await edit(staff, adminAccount.id, { name: 'Not an admin' });
    expect(adminName.errors.name.message).toMatch(/Only an admin/);
  });

  it("lets staff edit a student's name but not the student's e-mail", async () => {
    const student = await createAccount(t, 'student');
    const named = await edit(staff, student.id, { name: 'Renamed Student' });
    expect(named.errors).toEqual({});
    expect((await userRow(student.id)).name).toBe('Renamed Student');
    const moved = await edit(staff, student.id, { email: 'mine@evil.example' });
    expect(moved.errors.email.message).toMatch(/Only an admin/);
    expect((await userRow(student.id)).email).toBe(student.email);
  });

  it('refuses a javascript: picture, as the API does', async () => {
    const student = await createAccount(t, 'student');
    for (const agent of [staff, admin]) {
      const record = await edit(agent, student.id, { image: 'javascript:alert(document.domain)' });
      expect(record.errors.image.message).toMatch(/http\(s\) URL/);
    }
    expect((await userRow(student.id)).image).toBeNull();
    const viaApi = await createUserWithTokens(t, 'student');
    await request(t.http)
      .patch('/users/me')
      .set(viaApi.auth)
      .send({ image: 'javascript:alert(1)' })
      .expect(400);
  });

  it("lets an admin change an e-mail: audited, the address unverified, the user's sessions ended", async () => {
    const target = await createUserWithTokens(t, 'student');
    const record = await edit(admin, target.user.id, { email: ' New.Address@Example.com ' });
    expect(record.errors).toEqual({});
    const row = await userRow(target.user.id);
    expect(row.email).toBe('new.address@example.com');
    expect(row.email_verified).toBeNull();
    const live = await sql(`SELECT 1 FROM auth_refresh_tokens WHERE user_id = ? AND revoked_at IS NULL`, [
      target.user.id,
    ]);
    expect(live).toEqual([]);
    await request(t.http).post('/auth/refresh').send({ refreshToken: target.refreshToken }).expect(401);
    const audit = await sql<{ action: string; actor_id: string; details: Record<string, string> }>(
      `SELECT action, actor_id, details FROM audit_events WHERE target_id = ? AND action = 'user.email_changed'`,
      [target.user.id],
    );
    expect(audit).toEqual([
      {
        action: 'user.email_changed',
        actor_id: adminAccount.id,
        details: { from: target.user.email, to: 'new.address@example.com' },
      },
    ]);
  });

  it('shows the audit log to admins only, read-only', async () => {
    const list = await admin.get(`${api}/audit_events/actions/list`).expect(200);
    expect(list.body.records.length).toBeGreaterThan(0);
    expect((await staff.get(`${api}/audit_events/actions/list`)).status).toBe(403);
    const id = list.body.records[0].id as string;
    expect((await formPost(admin, `${api}/audit_events/records/${id}/edit`, { action: 'x' })).status).toBe(
      403,
    );
    expect((await admin.post(`${api}/audit_events/records/${id}/delete`)).status).toBe(403);
  });
});
