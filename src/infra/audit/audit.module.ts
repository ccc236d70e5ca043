import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service.js';

/** The audit log, for every module that changes who someone is or what they may do. */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
