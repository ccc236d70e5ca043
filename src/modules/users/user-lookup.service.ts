import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, Module } from '@nestjs/common';
import { readPreferringReplica } from '../../infra/database/replica-fallback.js';
import { User } from './entities/user.entity.js';

/**
 * The small read-only view of users other modules may use (resolve e-mails, check ids), in a
 * module of its own so that they can depend on it without depending on the whole users module.
 */
@Injectable()
export class UserLookupService {
  private readonly logger = new Logger(UserLookupService.name);

  constructor(private readonly em: EntityManager) {}

  /** e-mail (lower-cased) → user id, for the addresses that have an account. */
  async idsByEmail(emails: string[]): Promise<Map<string, string>> {
    const normalised = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
    if (!normalised.length) return new Map();
    const users = await this.em.find(User, { email: { $in: normalised } }, { fields: ['id', 'email'] });
    return new Map(users.map((u) => [u.email, u.id]));
  }

  /**
   * Accounts created per UTC day from `from` to `to` (both included, 'YYYY-MM-DD'), for reports: on
   * the read replica when there is one (DATABASE_REPLICA_URL).
   */
  async registrationsByDay(from: string, to: string): Promise<{ day: string; registrations: number }[]> {
    return readPreferringReplica(
      (connection) =>
        this.em.getConnection(connection).execute<{ day: string; registrations: number }[]>(
          `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS registrations FROM users
       WHERE created_at >= ?::date::timestamp AT TIME ZONE 'UTC' AND created_at < (?::date + 1)::timestamp AT TIME ZONE 'UTC'
       GROUP BY 1 ORDER BY 1`,
          [from, to],
        ),
      this.logger,
    );
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const users = await this.em.find(User, { id: { $in: [...new Set(ids)] } }, { fields: ['id'] });
    return new Set(users.map((u) => u.id));
  }
}

@Module({ providers: [UserLookupService], exports: [UserLookupService] })
export class UserLookupModule {}
