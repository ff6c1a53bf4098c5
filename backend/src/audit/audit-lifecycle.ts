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
import { WorkosEventsPoller } from './ingestion/workos-events.poller.js';
import { DenialAggregator } from './recording/denial-aggregator.js';

/**
 * Starts and stops the trail's parts in order: the store opens at bootstrap (in the background),
 * denial counts are flushed on a timer, retention runs daily, WorkOS events are polled; at shutdown
 * the poller stops and the last counts are flushed before the database closes.
 */
@Injectable()
export class AuditLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: AuditStore,
    private readonly denials: DenialAggregator,
    private readonly retention: AuditRetention,
    private readonly workosEvents: WorkosEventsPoller,
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
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.workosEvents.stop();
    await this.retention.stop();
    await this.denials.flush();
    await this.store.close();
  }
}
