import connectPgSimple from 'connect-pg-simple';
import type { RequestHandler } from 'express';
import session from 'express-session';
import type { AdminConfig } from '../../../infra/config/app-config.js';
import { ADMIN_SESSIONS_POOL_MAX, openPool } from '../../../infra/database/pools.js';
import type { BackOfficeAdmin } from '../resources/access.js';

declare module 'express-session' {
  interface SessionData {
    adminUser?: BackOfficeAdmin;
    /** When the user signed in (ms): the session ends ADMIN_SESSION_MAX_HOURS later regardless. */
    signedInAt?: number;
  }
}

export const SESSION_COOKIE = 'cp_admin';

export interface AdminSessions {
  middleware: RequestHandler;
  close(): Promise<void>;
}

/**
 * Back-office sessions: stored in PostgreSQL (`admin_sessions`, made by a migration), so they
 * survive restarts and are shared by all instances. The cookie is httpOnly, SameSite=Lax, scoped
 * to the back office, Secure over HTTPS (ADMIN_COOKIE_SECURE; honours TRUST_PROXY), and rolling:
 * every request pushes the idle expiry forward in the cookie and in the store.
 */
export function createAdminSessions(
  config: AdminConfig,
  databaseUrl: string,
  rootPath: string,
  log: (message: string) => void,
): AdminSessions {
  const pool = openPool('admin-sessions', databaseUrl, ADMIN_SESSIONS_POOL_MAX, (error) =>
    log(`idle back-office session connection lost: ${error.message}`),
  );
  const PgStore = connectPgSimple(session);
  const idleMs = config.sessionIdleMinutes * 60_000;
  const store = new PgStore({
    pool,
    tableName: 'admin_sessions',
    createTableIfMissing: false,
    ttl: idleMs / 1000,
    pruneSessionInterval: 15 * 60,
    errorLog: (...args: unknown[]) => log(args.map(String).join(' ')),
  });
  const middleware = session({
    store,
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
      maxAge: idleMs,
      path: rootPath,
    },
  });
  return {
    middleware,
    close: async () => {
      store.close();
      await pool.end();
    },
  };
}
