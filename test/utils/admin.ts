import { RequestContext } from '@mikro-orm/postgresql';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type { Role } from '../../src/common/auth/auth-user.js';
import { hashPassword } from '../../src/modules/users/auth/password.js';
import { User } from '../../src/modules/users/entities/user.entity.js';
import type { TestApp } from './create-test-app.js';

let seq = 0;
const PASSWORD = 'correct horse battery staple';

/** A user with a back-office password (students get one too, to prove they are refused anyway). */
export async function createAccount(
  t: TestApp,
  role: Role,
  password = PASSWORD,
): Promise<{ id: string; email: string; password: string }> {
  const email = `${role}-bo-${Date.now()}-${++seq}@example.com`;
  const passwordHash = await hashPassword(password);
  const id = await RequestContext.create(t.orm.em, async () => {
    const user = t.orm.em.create(User, {
      email,
      role,
      name: `${role} ${seq}`,
      passwordHash,
      emailVerified: new Date(),
    });
    await t.orm.em.flush();
    return user.id;
  });
  return { id, email, password };
}

/** A supertest agent (keeps cookies) signed in to the back office; fails the test if login fails. */
export async function signIn(t: TestApp, account: { email: string; password: string }): Promise<TestAgent> {
  const agent = request.agent(t.http);
  const res = await agent
    .post('/admin/login')
    .type('form')
    .send({ email: account.email, password: account.password });
  if (res.status !== 302 || res.headers.location !== '/admin') {
    throw new Error(`login of ${account.email} failed: ${res.status} ${res.headers.location ?? ''}`);
  }
  return agent;
}

export async function signInAs(
  t: TestApp,
  role: Role,
): Promise<{
  agent: TestAgent;
  account: { id: string; email: string; password: string };
}> {
  const account = await createAccount(t, role);
  return { agent: await signIn(t, account), account };
}

/** AdminJS's API answers a form; its frontend posts multipart forms. */
export function formPost(agent: TestAgent, url: string, fields: Record<string, string>) {
  const req = agent.post(url);
  for (const [name, value] of Object.entries(fields)) req.field(name, value);
  return req;
}
