import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { createdAtColumn, newId } from '../database/base-columns.js';

/**
 * One security-relevant act (who did what to whom, from where). Append-only: written by
 * `AuditService`, shown read-only to admins in the back office.
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
