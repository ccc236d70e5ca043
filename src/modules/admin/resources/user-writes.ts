import { Injectable } from '@nestjs/common';
import type { CurrentAdmin } from 'adminjs';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { DomainError, InvalidFieldError } from '../../../common/errors/domain-error.js';
import { isHttpUrl } from '../../../common/validation/http-url.js';
import { AuditService } from '../../../infra/audit/audit.service.js';
import { UsersService, type User } from '../../users/index.js';
import type { BackOfficeAdmin } from './access.js';
import type { WriteContext } from './backoffice-resource.js';

/** What says who an account is: the login finds accounts by e-mail, people know them by name and picture. */
const IDENTITY_FIELDS = ['email', 'name', 'image', 'emailVerified'] as const;
type IdentityField = (typeof IDENTITY_FIELDS)[number];

/**
 * Back-office writes to users, with the REST API's rules and the ones only the back office needs:
 * - only admins give roles (never to themselves; the user's sessions end at once) and delete users;
 * - only admins change an e-mail address, of any account: whoever controls the address logs in as
 *   the account, so a staff member who could edit it could take over an admin (or a student);
 *   the change goes through `UsersService.changeEmail` (audited, sessions end, address unproven);
 * - only admins edit a staff or admin account's name, picture or verification;
 * - a picture is an http(s) URL, the same rule as `PATCH /users/me`.
 * Refused privileged edits are audited too.
 */
@Injectable()
export class UserWrites {
  constructor(
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async beforeWrite({ entity, isNew, previous, admin }: WriteContext): Promise<void> {
    const user = entity as User;
    user.email = user.email.trim().toLowerCase();
    const actor = toAuthUser(admin);
    if (user.image && !isHttpUrl(user.image))
      throw new InvalidFieldError('image', 'image must be an http(s) URL');
    if (isNew) {
      if (user.role !== 'student' && actor.role !== 'admin') throw onlyAdmins();
      return;
    }
    const changed = IDENTITY_FIELDS.filter((field) => !sameValue(user[field], previous[field]));
    if (actor.role !== 'admin') {
      const privilegedAccount = previous.role !== 'student';
      const refused = changed.find((field) => field === 'email' || privilegedAccount);
      if (refused) {
        await this.audit.record({
          actor,
          action: 'user.edit_refused',
          target: { type: 'user', id: user.id },
          details: { fields: changed, role: previous.role },
        });
        throw identityOnlyByAdmins(refused);
      }
    }
    // The services change e-mail and role (audited, sessions ended); this unit of work keeps the old values.
    if (changed.includes('email')) {
      const email = user.email;
      user.email = previous.email as string;
      await this.users.changeEmail(actor, user.id, email);
      user.emailVerified = null;
    }
    if (user.role === previous.role) return;
    if (actor.role !== 'admin') throw onlyAdmins();
    const role = user.role;
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

function sameValue(a: unknown, b: unknown): boolean {
  const normal = (v: unknown) => (v instanceof Date ? v.getTime() : v === undefined || v === '' ? null : v);
  return normal(a) === normal(b);
}

function onlyAdmins(): InvalidFieldError {
  return new InvalidFieldError('role', 'Only an admin gives or changes roles');
}

function identityOnlyByAdmins(field: IdentityField): InvalidFieldError {
  return new InvalidFieldError(
    field,
    field === 'email'
      ? 'Only an admin changes an e-mail address'
      : 'Only an admin edits the name, picture or verification of a staff or admin account',
  );
}

function toAuthUser(admin: CurrentAdmin | undefined): AuthUser {
  const current = admin as BackOfficeAdmin | undefined;
  if (!current) throw new DomainError('unauthenticated', 'unauthenticated', 'Not signed in');
  return { id: current.id, email: current.email, role: current.role };
}
