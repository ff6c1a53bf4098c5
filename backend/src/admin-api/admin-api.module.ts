import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuditedActions } from './audited-action.js';

/** What the admin console features share: {@link AuditedActions} over the audit trail. */
@Module({ imports: [AuditModule], providers: [AuditedActions], exports: [AuditedActions] })
export class AdminApiModule {}
