import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditRecord {
  actor: { id: string; email: string } | null;
  action: string;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Writes audit events; own unit of work, so a refused change is recorded even when it rolls back. */
@Injectable()
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  async record(entry: AuditRecord): Promise<void> {
    const em = this.em.fork();
    const event = em.create(AuditEvent, {
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      details: entry.details ?? null,
      ip: entry.ip ?? null,
    });
    await em.persistAndFlush(event);
  }
}
