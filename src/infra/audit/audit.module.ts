import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service.js';

/** The audit log, for any module that records security-relevant acts. */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
