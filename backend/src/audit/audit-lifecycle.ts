import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AuditConfig } from './audit.config.js';
import { AUDIT_CONFIG } from './audit.tokens.js';
import { AuditRetention } from './audit-retention.js';
import { AuditStore } from './audit-store.js';
import { WorkosAuditExporter } from './export/workos-audit-exporter.js';
import { WorkosEventsPoller } from './ingestion/workos-events.poller.js';
import { DenialAggregator } from './recording/denial-aggregator.js';
import { OrganizationSwitchTracker } from './switches/organization-switch.tracker.js';

/**
 * Starts and stops the trail's parts in order: the store opens at bootstrap (in the background),
 * denial counts are flushed on a timer, retention runs daily, WorkOS events are polled, finished
 * admin entries are exported to WorkOS Audit Logs, organization switches are observed; at shutdown
 * the poller and the exporter stop and the last counts and switches are written before the
 * database closes.
 */
@Injectable()
export class AuditLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: AuditStore,
    private readonly denials: DenialAggregator,
    private readonly retention: AuditRetention,
    private readonly workosEvents: WorkosEventsPoller,
    private readonly workosExport: WorkosAuditExporter,
    private readonly switches: OrganizationSwitchTracker,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.store.start();
    this.flushTimer = setInterval(
      () => void this.denials.flush(),
      this.config.denials.flushIntervalMs,
    );
    this.flushTimer.unref();
    this.retention.start();
    this.workosEvents.start();
    this.workosExport.start();
    this.switches.start();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.flushTimer);
    await Promise.all([this.workosEvents.stop(), this.workosExport.stop()]);
    await this.retention.stop();
    await Promise.all([this.denials.flush(), this.switches.stop()]);
    await this.store.close();
  }
}
