import { Injectable } from '@nestjs/common';
import type { CurrentAdmin } from 'adminjs';
import { isEmail } from 'class-validator';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { DomainError } from '../../../common/errors/domain-error.js';
import { HTTP_URL_MESSAGE, isHttpUrl } from '../../../common/validation/http-url.js';
import { AuditService } from '../../../infra/audit/index.js';
import { UsersService, type User } from '../../users/index.js';
import { currentRequestIp } from '../http/request-info.js';
import type { BackOfficeAdmin } from './access.js';
import type { WriteContext } from './backoffice-resource.js';

/** Fields that say who an account is: only an admin rewrites them on a staff or admin account. */
const IDENTITY_FIELDS = ['email', 'name', 'image', 'emailVerified'] as const;

/**
 * Back-office writes to users, with the rules that keep staff from taking an account over:
 * - only admins give or change roles (never their own; the user's sessions end at once);
 * - only admins change an e-mail, on any account (the e-mail is the login: whoever sets it to an
 *   address they read can sign in as that user); the change is audited and the user's sessions end;
 * - only admins change the name, image or verification date of a staff or admin account;
 * - only admins delete users (never themselves; the database cascades).
 * Every refusal answers 403 with the field named, changes nothing, and is audited.
 */
@Injectable()
export class UserWrites {
  constructor(
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async beforeWrite({ entity, isNew, previous, admin }: WriteContext): Promise<void> {
    const user = entity as User;
    const actor = toAuthUser(admin);
    user.email = user.email.trim().toLowerCase();
    if (isNew) {
      if (!isEmail(user.email)) throw invalidEmail();
      if (user.image !== null && !isHttpUrl(user.image)) throw invalidImage();
      if (user.role !== 'student' && actor.role !== 'admin')
        await this.refuse(actor, user, 'role', 'Only an admin creates staff or admin accounts');
      if (user.role !== 'student')
        await this.record(actor, 'user.created', user.id, { email: user.email, role: user.role });
      return;
    }
    const changed = (field: 'email' | 'name' | 'image' | 'emailVerified' | 'role') =>
      !sameValue(user[field], previous[field]);
    const isAdmin = actor.role === 'admin';
    if (changed('image') && user.image !== null && !isHttpUrl(user.image)) throw invalidImage();
    if (changed('email') && !isAdmin)
      await this.refuse(actor, user, 'email', 'Only an admin changes an e-mail address');
    if (changed('email') && !isEmail(user.email)) throw invalidEmail();
    if (previous.role !== 'student' && !isAdmin) {
      const field = IDENTITY_FIELDS.find(changed);
      if (field) await this.refuse(actor, user, field, 'Only an admin edits a staff or admin account');
    }
    if (changed('role') && !isAdmin)
      await this.refuse(actor, user, 'role', 'Only an admin gives or changes roles');

    // Role and e-mail change through the users service (which ends the user's sessions); this unit
    // of work keeps the old values so it does not write them a second time.
    if (changed('email')) {
      const email = user.email;
      user.email = previous.email as string;
      await this.users.changeEmail(user.id, email);
      // The new address is unproven (the service cleared it), unless the admin set it on this form.
      if (!changed('emailVerified')) user.emailVerified = null;
      await this.record(actor, 'user.email_changed', user.id, { from: previous.email, to: email });
    }
    if (changed('role')) {
      const role = user.role;
      user.role = previous.role as User['role'];
      await this.users.changeRole(actor, user.id, role);
      await this.record(actor, 'user.role_changed', user.id, { from: previous.role, to: role });
    }
  }

  async delete(id: string, admin: CurrentAdmin | undefined): Promise<void> {
    const actor = toAuthUser(admin);
    if (actor.role !== 'admin') {
      await this.record(actor, 'user.delete_refused', id, {});
      throw new DomainError('forbidden', 'forbidden', 'Only an admin deletes users');
    }
    await this.users.delete(actor, id);
    await this.record(actor, 'user.deleted', id, {});
  }

  private async refuse(actor: AuthUser, user: User, field: string, message: string): Promise<never> {
    await this.record(actor, 'user.edit_refused', user.id, { field, targetRole: user.role });
    throw new DomainError('forbidden', 'forbidden_field', message, [{ field, messages: [message] }]);
  }

  private record(actor: AuthUser, action: string, targetId: string, details: Record<string, unknown>) {
    return this.audit.record({
      action,
      actor,
      target: { type: 'user', id: targetId },
      details: { via: 'back-office', ...details },
      ip: currentRequestIp(),
    });
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  const time = (v: unknown) =>
    v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN;
  if (a instanceof Date || b instanceof Date) return time(a) === time(b);
  return (a ?? null) === (b ?? null);
}

/** The API's rule for an address (`@IsEmail()`): the back office takes no address the API would refuse. */
function invalidEmail(): DomainError {
  const message = 'email must be a valid e-mail address';
  return new DomainError('validation', 'invalid_field', message, [{ field: 'email', messages: [message] }]);
}

function invalidImage(): DomainError {
  const message = `image ${HTTP_URL_MESSAGE}`;
  return new DomainError('validation', 'invalid_field', message, [{ field: 'image', messages: [message] }]);
}

function toAuthUser(admin: CurrentAdmin | undefined): AuthUser {
  const current = admin as BackOfficeAdmin | undefined;
  if (!current) throw new DomainError('unauthenticated', 'unauthenticated', 'Not signed in');
  return { id: current.id, email: current.email, role: current.role };
}
