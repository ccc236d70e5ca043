import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../modules/users/entities/user.entity.js';
import { insertIgnoringConflicts } from './insert.js';
import type { Learner } from './journeys.js';
import type { Timeline } from './timeline.js';

/** The columns the seeder sets; `role` keeps its default ('student'), demo users have no password. */
type UserRow = Pick<User, 'id' | 'email' | 'name' | 'emailVerified' | 'image' | 'createdAt' | 'updatedAt'>;

/** Maps a generated user id to the id the `users` row really has. */
export type UserIdResolver = (generatedId: string) => string;

export interface SeededUsers {
  inserted: number;
  resolveId: UserIdResolver;
}

/**
 * Inserts the demo users, then reads back the ids their e-mails actually have. Normally these are
 * the generated ids; but if an e-mail was already taken (someone registered it, or it was seeded
 * under another id), the existing account is reused, so enrolments, progress and events never
 * point at a user row that does not exist.
 */
export async function seedUsers(
  em: EntityManager,
  learners: readonly Learner[],
  timeline: Timeline,
): Promise<SeededUsers> {
  const rows: UserRow[] = learners.map(({ profile, createdAt }) => {
    const created = timeline.toDate(createdAt);
    return {
      id: profile.id,
      email: profile.email,
      name: profile.name,
      // The first login is an e-mail OTP, so verification happens at sign-up.
      emailVerified: profile.verifiesEmail ? created : null,
      image: profile.image,
      createdAt: created,
      updatedAt: created,
    };
  });
  const inserted = await insertIgnoringConflicts(em, User, rows);

  const emails = rows.map((row) => row.email);
  const existing = await em.find(User, { email: { $in: emails } }, { fields: ['id', 'email'] });
  const actualIdByEmail = new Map(existing.map((user) => [user.email, user.id]));
  const remapped = new Map<string, string>();
  for (const row of rows) {
    const actual = actualIdByEmail.get(row.email);
    if (actual === undefined) throw new Error(`Demo user ${row.email} is missing after insert`);
    if (actual !== row.id) remapped.set(row.id, actual);
  }
  return { inserted, resolveId: (generatedId) => remapped.get(generatedId) ?? generatedId };
}
