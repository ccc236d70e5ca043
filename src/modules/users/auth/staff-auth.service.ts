import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { User } from '../entities/user.entity.js';
import { generatePassword, hashPassword, verifyPassword } from './password.js';

export type StaffUser = AuthUser & {
  role: 'staff' | 'admin';
  name: string | null;
};

/**
 * E-mail + password sign-in for the back office: staff and admins only. Students, unknown
 * addresses and wrong passwords all answer `null` after the same argon2 work, so neither the
 * answer nor its timing tells which it was.
 */
@Injectable()
export class StaffAuthService {
  private dummyHash?: Promise<string>;

  constructor(private readonly em: EntityManager) {}

  async verify(email: string, password: string): Promise<StaffUser | null> {
    const user = await this.em
      .fork()
      .findOne(
        User,
        { email: email.trim().toLowerCase() },
        { fields: ['id', 'email', 'name', 'role', 'passwordHash'] },
      );
    const hash = user?.passwordHash ?? (await this.hashOfNothing());
    const matches = await verifyPassword(hash, password);
    return matches && user?.passwordHash ? staff(user) : null;
  }

  /** The account as it is now: null once deleted or no longer staff (a session then ends). */
  async current(id: string): Promise<StaffUser | null> {
    const user = await this.em.fork().findOne(User, { id }, { fields: ['id', 'email', 'name', 'role'] });
    return user ? staff(user) : null;
  }

  private hashOfNothing(): Promise<string> {
    this.dummyHash ??= hashPassword(generatePassword());
    return this.dummyHash;
  }
}

function staff(user: Pick<User, 'id' | 'email' | 'name' | 'role'>): StaffUser | null {
  if (user.role !== 'staff' && user.role !== 'admin') return null;
  return { id: user.id, email: user.email, role: user.role, name: user.name };
}
