import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Module } from '@nestjs/common';
import { User } from './entities/user.entity.js';

/**
 * The small read-only view of users other modules may use (resolve e-mails, check ids), in a
 * module of its own so that they can depend on it without depending on the whole users module.
 */
@Injectable()
export class UserLookupService {
  constructor(private readonly em: EntityManager) {}

  /** e-mail (lower-cased) → user id, for the addresses that have an account. */
  async idsByEmail(emails: string[]): Promise<Map<string, string>> {
    const normalised = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
    if (!normalised.length) return new Map();
    const users = await this.em.find(User, { email: { $in: normalised } }, { fields: ['id', 'email'] });
    return new Map(users.map((u) => [u.email, u.id]));
  }

  /** Accounts created per UTC day from `from` to `to` (both included, 'YYYY-MM-DD'), for reports. */
  async registrationsByDay(from: string, to: string): Promise<{ day: string; registrations: number }[]> {
    return this.em.getConnection().execute<{ day: string; registrations: number }[]>(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS registrations FROM users
       WHERE created_at >= ?::date::timestamp AT TIME ZONE 'UTC' AND created_at < (?::date + 1)::timestamp AT TIME ZONE 'UTC'
       GROUP BY 1 ORDER BY 1`,
      [from, to],
    );
  }

  /**
   * Time from account creation to a moment per user (reports: from registration to a first
   * milestone), summarised over the users whose account exists and was created by then: how many,
   * the median (as `percentile_cont`) and the sum, in ms, each time to the millisecond as
   * JavaScript dates have it. `userIds` and `times` (ms since the epoch, whole) are parallel
   * PostgreSQL array literals (text[], float8[]) as a report's query returned them: thousands of
   * values pass through without being parsed.
   */
  async registrationIntervals(
    userIds: string,
    times: string,
  ): Promise<{ users: number; medianMs: number | null; sumMs: number }> {
    // Bound parameters (the ORM would inline hundreds of kB of literals); the accounts looked up by
    // key (an array known at run time, not planned element by element), not the whole table hashed;
    // whole ms in float8, exact up to 2⁵³, rather than numeric arithmetic.
    const { rows } = await this.em.getKnex().raw<{
      rows: { users: number; median_ms: number | null; sum_ms: number | null }[];
    }>(
      `WITH v AS MATERIALIZED (SELECT id, at FROM unnest(?::text[], ?::float8[]) AS v(id, at))
       SELECT count(*)::int AS users, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS median_ms, sum(ms) AS sum_ms
       FROM (SELECT v.at - round(date_part('epoch', date_trunc('milliseconds', u.created_at)) * 1000) AS ms
             FROM v JOIN users u ON u.id = v.id WHERE u.id = ANY(ARRAY(SELECT id FROM v))) x
       WHERE ms >= 0`,
      [userIds, times],
    );
    return { users: rows[0].users, medianMs: rows[0].median_ms, sumMs: rows[0].sum_ms ?? 0 };
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const users = await this.em.find(User, { id: { $in: [...new Set(ids)] } }, { fields: ['id'] });
    return new Set(users.map((u) => u.id));
  }
}

@Module({ providers: [UserLookupService], exports: [UserLookupService] })
export class UserLookupModule {}
