import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditEntry {
  action: string;
  actor?: { id?: string | null; email?: string | null } | null;
  target?: { type: string; id?: string | null } | null;
  details?: Record<string, unknown> | null;
  ip?: string | null;
}

/**
 * Appends to the audit log. Each entry is written at once in its own unit of work, so it stays
 * even when the act it records is refused or rolled back (a refused edit is worth recording).
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(private readonly em: EntityManager) {}

  async record(entry: AuditEntry): Promise<void> {
    const em = this.em.fork();
    em.create(AuditEvent, {
      action: entry.action,
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      details: entry.details ?? null,
      ip: entry.ip ?? null,
    });
    await em.flush();
    this.logger.log({ audit: entry.action, actor: entry.actor?.id, target: entry.target?.id }, 'audit');
  }
}
