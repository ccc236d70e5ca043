import { Injectable } from '@nestjs/common';
import type { CurrentAdmin } from 'adminjs';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { DomainError, InvalidFieldError } from '../../../common/errors/domain-error.js';
import { UsersService, type User } from '../../users/index.js';
import type { BackOfficeAdmin } from './access.js';
import type { WriteContext } from './backoffice-resource.js';

/**
 * Back-office writes to users go through the users service where the REST API has a rule: only
 * admins change roles (never their own; the user's sessions end at once) and delete users (never
 * themselves; the database cascades).
 */
@Injectable()
export class UserWrites {
  constructor(private readonly users: UsersService) {}

  async beforeWrite({ entity, isNew, previous, admin }: WriteContext): Promise<void> {
    const user = entity as User;
    user.email = user.email.trim().toLowerCase();
    const actor = toAuthUser(admin);
    if (isNew) {
      if (user.role !== 'student' && actor.role !== 'admin') throw onlyAdmins();
      return;
    }
    if (user.role === previous.role) return;
    if (actor.role !== 'admin') throw onlyAdmins();
    const role = user.role;
    // The service changes the role (and ends the user's sessions); this unit of work keeps the old value.
    user.role = previous.role as User['role'];
    await this.users.changeRole(actor, user.id, role);
  }

  async delete(id: string, admin: CurrentAdmin | undefined): Promise<void> {
    const actor = toAuthUser(admin);
    if (actor.role !== 'admin')
      throw new DomainError('forbidden', 'forbidden', 'Only an admin deletes users');
    await this.users.delete(actor, id);
  }
}

function onlyAdmins(): InvalidFieldError {
  return new InvalidFieldError('role', 'Only an admin gives or changes roles');
}

function toAuthUser(admin: CurrentAdmin | undefined): AuthUser {
  const current = admin as BackOfficeAdmin | undefined;
  if (!current) throw new DomainError('unauthenticated', 'unauthenticated', 'Not signed in');
  return { id: current.id, email: current.email, role: current.role };
}
