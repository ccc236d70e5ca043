import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../../common/auth/auth-user.js';
import { hashPassword } from './auth/password.js';
import { User } from './entities/user.entity.js';

/**
 * Creates a staff/admin account, or promotes an existing user and resets their password. Used by
 * the `user:create-admin` CLI and the demo seeder.
 */
export async function upsertStaffAccount(
  em: EntityManager,
  account: { email: string; password: string; role: Extract<Role, 'staff' | 'admin'>; name?: string },
): Promise<{ user: User; created: boolean }> {
  const email = account.email.trim().toLowerCase();
  const passwordHash = await hashPassword(account.password);
  const existing = await em.findOne(User, { email });
  const user = existing ?? em.create(User, { email, name: account.name ?? null, emailVerified: new Date() });
  user.role = account.role;
  user.passwordHash = passwordHash;
  if (account.name && !user.name) user.name = account.name;
  await em.flush();
  return { user, created: !existing };
}
