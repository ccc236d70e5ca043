import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { createdAtColumn, newId } from '../database/base-columns.js';

/**
 * Who did what to whom, for changes that grant power or rewrite who someone is (e-mail and role
 * changes, deletions, refused privileged edits). Append-only: nothing in the app updates a row.
 */
@Entity({ tableName: 'audit_events' })
export class AuditEvent {
  [OptionalProps]?: 'at';

  @PrimaryKey({ type: 'text' })
  id: string = newId();

  @Index()
  @Property(createdAtColumn())
  at: Date = new Date();

  @Property({ type: 'text', nullable: true })
  actorId: string | null = null;

  @Property({ type: 'text', nullable: true })
  actorEmail: string | null = null;

  /** e.g. `user.email_changed`, `user.role_changed`, `user.deleted`, `user.edit_refused`. */
  @Index()
  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text', nullable: true })
  targetType: string | null = null;

  @Property({ type: 'text', nullable: true })
  targetId: string | null = null;

  @Property({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null = null;

  @Property({ type: 'text', nullable: true })
  ip: string | null = null;
}
