export { AuditModule } from './audit.module.js';
export { AuditService, type AuditEntry } from './audit.service.js';
export { AuditEvent } from './audit-event.entity.js';
