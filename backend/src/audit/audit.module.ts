import { Module, type MiddlewareConsumer, type NestModule, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_FILTER } from '@nestjs/core';
import { AppLogger } from '../logging/app-logger.js';
import { requireAuditConfig, type AuditConfig } from './audit.config.js';
import { AUDIT_CONFIG } from './audit.tokens.js';
import { AuditLifecycle } from './audit-lifecycle.js';
import { AuditRetention } from './audit-retention.js';
import { AuditStore } from './audit-store.js';
import { AuditUnavailableFilter } from './audit-unavailable.filter.js';
import { WorkosAuditExporter } from './export/workos-audit-exporter.js';
import { WorkosEventsPoller } from './ingestion/workos-events.poller.js';
import { AuditController } from './reading/audit.controller.js';
import { AuditTrail } from './recording/audit-trail.service.js';
import { DenialAggregator } from './recording/denial-aggregator.js';
import { DenialRecorderMiddleware } from './recording/denial-recorder.middleware.js';
import { RouteRequirements } from './recording/route-requirements.js';
import { OrganizationSwitchTracker } from './switches/organization-switch.tracker.js';

/**
 * The audit configuration: `audit` of the backend configuration when it carries one, else read
 * from `process.env` (`DATABASE_URL`, `AUDIT_DATA_DIR`, `AUDIT_RETENTION_DAYS`, …).
 */
function auditConfigFrom(config: ConfigService): AuditConfig {
  const backend = config.get<{ audit?: AuditConfig }>('backend');
  return backend?.audit ?? requireAuditConfig(process.env);
}

function denialAggregator(store: AuditStore, config: AuditConfig, logger: AppLogger) {
  return new DenialAggregator({
    maxKeys: config.denials.maxKeys,
    write: async (counts) => (await store.repositories()).denials.add(counts),
    onDropped: (dropped, error) => {
      if (config.store.kind === 'disabled') return;
      logger.pino.warn(
        { err: error, droppedSinceLastReport: dropped, store: store.status().state },
        'audit denial counts not recorded',
      );
    },
  });
}

const providers: Provider[] = [
  { provide: AUDIT_CONFIG, useFactory: auditConfigFrom, inject: [ConfigService] },
  AuditStore,
  {
    provide: DenialAggregator,
    useFactory: denialAggregator,
    inject: [AuditStore, AUDIT_CONFIG, AppLogger],
  },
  RouteRequirements,
  AuditTrail,
  AuditRetention,
  WorkosEventsPoller,
  WorkosAuditExporter,
  OrganizationSwitchTracker,
  AuditLifecycle,
  { provide: APP_FILTER, useClass: AuditUnavailableFilter },
];

/**
 * The audit trail (issue 17): storage (PGlite or PostgreSQL), `AuditTrail` for admin actions,
 * denial counting for every 401/403, organization switches seen in verified tokens, retention, the
 * WorkOS Events API poller, the export to WorkOS Audit Logs, and `GET /audit…`
 * for `audit:read`.
 * See docs/audit.md.
 */
@Module({
  providers,
  controllers: [AuditController],
  exports: [
    AuditTrail,
    AuditStore,
    DenialAggregator,
    WorkosEventsPoller,
    WorkosAuditExporter,
    OrganizationSwitchTracker,
  ],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(DenialRecorderMiddleware).forRoutes('*path');
  }
}
