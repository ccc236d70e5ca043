import { MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type pg from 'pg';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { openClient } from '../../../infra/database/pools.js';

/** The channel the database notifies (with a user id) when that user's sessions may have ended. */
export const SESSION_CHANGES_CHANNEL = 'auth_session_changes';

/** What a session lookup remembers: whose it is and what it grants, or that it has ended. */
type Entry = { userId: string; role: string; email: string } | false;

/** Sessions remembered per instance; beyond this the oldest are forgotten (and looked up again). */
const MAX_ENTRIES = 100_000;
const RECONNECT_MS = 1_000;

/**
 * Is the login session an access token names still live, for the role and e-mail the token
 * claims? Access tokens are checked against PostgreSQL, so a logout, a role or e-mail change, a
 * revoked session (refresh-token reuse) or a deleted account ends API access at once, on every
 * instance, not when the token expires.
 *
 * A session is looked up once and then remembered. Every change that can end one (a refresh-token
 * family revoked or deleted, a user's role or e-mail changed, a user deleted) makes the database
 * `NOTIFY` this channel from a trigger, whatever wrote it (API, back office, SQL), and each
 * instance forgets that user's sessions (the triggers:
 * `src/modules/users/sql/triggers/session-change-notifications.sql`). Entries are trusted only
 * while this instance is listening: when the listening connection drops, everything is forgotten
 * and every check goes to the database until it is back, so a missed notification can never keep
 * a session alive.
 */
@Injectable()
export class LoginSessions implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LoginSessions.name);
  private readonly entries = new Map<string, Entry>();
  private readonly byUser = new Map<string, Set<string>>();
  private readonly inFlight = new Map<string, Promise<Entry>>();
  private listener: pg.Client | undefined;
  private listening = false;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  async onModuleInit(): Promise<void> {
    await this.listen().catch((error: Error) => this.lost(error));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => undefined);
  }

  /**
   * The caller when the session is live and grants what the token claims, `false` when not.
   * Synchronous when the session is remembered (the ingestion hot path stays free of promises).
   */
  check(user: AuthUser, sessionId: string): AuthUser | false | Promise<AuthUser | false> {
    const known = this.listening ? this.entries.get(sessionId) : undefined;
    if (known !== undefined) return grants(known, user);
    return this.lookup(sessionId).then((entry) => grants(entry, user));
  }

  private lookup(sessionId: string): Promise<Entry> {
    const pending = this.inFlight.get(sessionId);
    if (pending) return pending;
    const wasListening = this.listening;
    const query = this.orm.em
      .getConnection()
      .execute<{ user_id: string; role: string; email: string }[]>(
        `SELECT t.user_id, u.role, u.email FROM auth_refresh_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.family = ? AND t.revoked_at IS NULL LIMIT 1`,
        [sessionId],
      )
      .then(([row]): Entry => {
        const entry: Entry = row ? { userId: row.user_id, role: row.role, email: row.email } : false;
        // Remember it only if no notification can have been missed since the query started.
        if (wasListening && this.listening) this.remember(sessionId, entry);
        return entry;
      })
      .finally(() => this.inFlight.delete(sessionId));
    this.inFlight.set(sessionId, query);
    return query;
  }

  private remember(sessionId: string, entry: Entry): void {
    if (this.entries.size >= MAX_ENTRIES) this.forgetAll();
    this.entries.set(sessionId, entry);
    if (!entry) return;
    let sessions = this.byUser.get(entry.userId);
    if (!sessions) this.byUser.set(entry.userId, (sessions = new Set()));
    sessions.add(sessionId);
  }

  private forgetUser(userId: string): void {
    const sessions = this.byUser.get(userId);
    if (!sessions) return;
    for (const sessionId of sessions) this.entries.delete(sessionId);
    this.byUser.delete(userId);
  }

  private forgetAll(): void {
    this.entries.clear();
    this.byUser.clear();
  }

  private async listen(): Promise<void> {
    // Events of a client this instance has already given up on are ignored.
    const client: pg.Client = openClient(
      'session-changes',
      this.orm.config.get('clientUrl') ?? '',
      (error) => {
        if (this.listener === client) this.lost(error);
      },
    );
    client.on('end', () => this.listener === client && this.lost(new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel === SESSION_CHANGES_CHANNEL && message.payload) this.forgetUser(message.payload);
    });
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CHANGES_CHANNEL}`);
    } catch (error) {
      if (this.listener === client) throw error;
      return;
    }
    if (this.listener === client && !this.stopped) this.listening = true;
  }

  private lost(error: Error): void {
    const wasListening = this.listening;
    this.listening = false;
    this.forgetAll();
    if (this.stopped || this.reconnectTimer) return;
    if (wasListening) this.logger.warn(`session change listener lost (${error.message}); reconnecting`);
    const old = this.listener;
    this.listener = undefined;
    void old?.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) void this.listen().catch((next: Error) => this.lost(next));
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }
}

function grants(entry: Entry, user: AuthUser): AuthUser | false {
  return entry && entry.userId === user.id && entry.role === user.role && entry.email === user.email
    ? user
    : false;
}
