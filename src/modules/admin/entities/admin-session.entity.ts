import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { timestamptz } from '../../../infra/database/base-columns.js';

/**
 * One back-office login session, stored by `connect-pg-simple` (express-session) so sessions
 * survive restarts and are shared by every app instance. The columns are the ones that store
 * reads and writes (`sid`, `sess`, `expire`); `expire` moves forward on every request (idle timeout).
 */
@Entity({ tableName: 'admin_sessions' })
export class AdminSession {
  @PrimaryKey({ type: 'text' })
  sid!: string;

  /** The session data: the signed-in staff member (id, e-mail, role) and the cookie settings. */
  @Property({ type: 'json', columnType: 'jsonb' })
  sess!: Record<string, unknown>;

  @Index()
  @Property(timestamptz())
  expire!: Date;
}
