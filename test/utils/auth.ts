import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import type { Role } from '../../src/common/auth/auth-user.js';
import { TokenService } from '../../src/modules/users/auth/token.service.js';
import { User } from '../../src/modules/users/entities/user.entity.js';
import type { TestApp } from './create-test-app.js';

let seq = 0;

/** A user of the given role, created directly in the database, with a real token pair. */
export async function createUserWithTokens(
  t: TestApp,
  role: Role = 'student',
  email = `${role}-${Date.now()}-${++seq}@example.com`,
): Promise<{ user: User; accessToken: string; refreshToken: string; auth: { Authorization: string } }> {
  const orm = t.app.get(MikroORM);
  return RequestContext.create(orm.em, async () => {
    const user = orm.em.create(User, { email, role, name: `${role} ${seq}`, emailVerified: new Date() });
    await orm.em.flush();
    const tokens = await t.app.get(TokenService).issueForLogin(user);
    return { user, ...tokens, auth: { Authorization: `Bearer ${tokens.accessToken}` } };
  });
}
