import type { EntityManager } from '@mikro-orm/postgresql';
import { generatePassword, upsertStaffAccount } from '../modules/users/index.js';
import { User } from '../modules/users/entities/user.entity.js';

export const DEMO_ADMIN_EMAIL = 'admin@example.com';

/**
 * One back-office admin for the demo. Created once: a re-run never changes its password. The
 * password comes from DEMO_ADMIN_PASSWORD or is generated, and is printed once so a person on a
 * fresh machine can log in (`npm run user:create-admin` resets it later if it is lost).
 */
export async function seedDemoAdmin(
  em: EntityManager,
  password = process.env.DEMO_ADMIN_PASSWORD,
): Promise<boolean> {
  if (await em.findOne(User, { email: DEMO_ADMIN_EMAIL })) return false;
  const chosen = password || generatePassword();
  await upsertStaffAccount(em, {
    email: DEMO_ADMIN_EMAIL,
    password: chosen,
    role: 'admin',
    name: 'Demo Admin',
  });
  console.log(
    `\n  Demo admin for the back office: ${DEMO_ADMIN_EMAIL} / ${password ? '(DEMO_ADMIN_PASSWORD)' : chosen}\n` +
      `  (shown once; reset with: npm run user:create-admin -- --email ${DEMO_ADMIN_EMAIL})\n`,
  );
  return true;
}
