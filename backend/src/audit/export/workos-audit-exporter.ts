import { Inject, Injectable, Optional } from '@nestjs/common';
import type { WorkOS } from '@workos-inc/node';
import { AppLogger } from '../../logging/app-logger.js';
import { createWorkosAdminClient } from '../../workos/workos-admin.client.js';
import type { WorkosAdminConfig } from '../../workos/workos-admin.config.js';
import { WORKOS_ADMIN_CONFIG } from '../../workos/workos.tokens.js';
import type { AuditConfig, WorkosExportSettings } from '../audit.config.js';
import { AUDIT_CONFIG } from '../audit.tokens.js';
import { AuditStore } from '../audit-store.js';
import { BackgroundRounds } from '../background-rounds.js';
import { errorSummary } from '../ingestion/error-summary.js';
import type { AuditExportRepository, ClaimedExport } from './audit-export.repository.js';
import { exportFailure, retryDelay } from './export-failure.js';
import { toWorkosAuditEvent } from './workos-audit-event.mapper.js';

/** Entries claimed and sent (concurrently) at once. */
const BATCH_SIZE = 10;

/** What the exporter has done since it started (readiness, tests). */
export interface ExporterStats {
  readonly running: boolean;
  /** Entries this process claimed (a retry counts again). */
  readonly claimed: number;
  readonly delivered: number;
  /** Failed deliveries that will be tried again. */
  readonly retried: number;
  /** Entries WorkOS refused as invalid: recorded as `rejected`, not sent again. */
  readonly rejected: number;
  /** Rounds that failed on the database (the store unavailable). */
  readonly failures: number;
}

/** Why the export does not run, or null when it does. */
function offReason(audit: AuditConfig, workos: WorkosAdminConfig | undefined): string | null {
  if (!audit.workosExport) return 'AUDIT_EXPORT_WORKOS is not true';
  if (audit.store.kind === 'disabled') return 'the audit trail is off';
  if (!workos?.apiKey) return 'no WORKOS_API_KEY';
  return null;
}

/**
 * Sends finished admin entries to WorkOS Audit Logs (`AUDIT_EXPORT_WORKOS=true`; docs/audit.md,
 * "Export to WorkOS Audit Logs"), from the `audit_exports` outbox: each entry until WorkOS
 * accepts it, with its id as idempotency key, so a send repeated after a lost answer or a restart
 * creates no second event. Backends sharing a database claim different entries. Nothing runs on
 * a request's path and nothing is thrown out of a round.
 */
@Injectable()
export class WorkosAuditExporter {
  private rounds: BackgroundRounds | undefined;
  private sdk: WorkOS | null = null;
  private stats: ExporterStats = {
    running: false,
    claimed: 0,
    delivered: 0,
    retried: 0,
    rejected: 0,
    failures: 0,
  };

  constructor(
    private readonly store: AuditStore,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
    private readonly logger: AppLogger,
    @Optional() @Inject(WORKOS_ADMIN_CONFIG) private readonly workos?: WorkosAdminConfig,
  ) {}

  /** Starts delivering (the first round right away) unless the configuration switches it off. */
  start(): void {
    if (this.rounds?.active === true) return;
    const reason = offReason(this.config, this.workos);
    if (reason !== null || !this.workos) {
      this.logger.pino.info({ reason }, 'WorkOS audit export off');
      return;
    }
    // The SDK's own retries are off: the outbox retries, with the same idempotency key.
    this.sdk = createWorkosAdminClient({ ...this.workos, maxRetries: 0 });
    const { pollIntervalMs, maxRetryMs } = this.settings;
    this.rounds = new BackgroundRounds({
      intervalMs: pollIntervalMs,
      maxBackoffMs: maxRetryMs,
      round: () => this.deliverBatch(),
      onFailure: (error, _consecutiveFailures, retryInMs) => {
        this.stats = { ...this.stats, failures: this.stats.failures + 1 };
        this.logger.pino.warn(
          { error: errorSummary(error), retryInMs },
          'WorkOS audit export paused',
        );
      },
    });
    this.stats = { ...this.stats, running: true };
    this.logger.pino.info({ ...this.settings }, 'WorkOS audit export started');
    this.rounds.start();
  }

  /** Stops: waits for the round in progress (its sends and their records). */
  async stop(): Promise<void> {
    await this.rounds?.stop();
    this.stats = { ...this.stats, running: false };
  }

  /** Counters since start. */
  status(): ExporterStats {
    return this.stats;
  }

  private get settings(): WorkosExportSettings {
    if (!this.config.workosExport) throw new Error('the export is off');
    return this.config.workosExport;
  }

  /** How long a claim keeps other backends off an entry: longer than a round of sends. */
  private get leaseMs(): number {
    return (this.workos?.timeoutMs ?? 5_000) * 2 + 30_000;
  }

  /** One round: whether a full batch suggests more is due. */
  private async deliverBatch(): Promise<boolean> {
    const { exports } = await this.store.repositories();
    if (this.rounds?.active !== true) return false;
    const claimed = await exports.claim(BATCH_SIZE, this.leaseMs);
    this.stats = { ...this.stats, claimed: this.stats.claimed + claimed.length };
    const results = await Promise.allSettled(claimed.map((c) => this.deliver(exports, c)));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return claimed.length === BATCH_SIZE && this.rounds?.active === true;
  }

  /** Sends one entry and records the result; throws only when the database cannot record it. */
  private async deliver(exports: AuditExportRepository, claimed: ClaimedExport): Promise<void> {
    const { event, attempts } = claimed;
    const sent = await this.send(claimed);
    const log = { eventId: event.id, action: event.action, attempts };
    if (sent === null) {
      await exports.delivered(event.id);
      this.stats = { ...this.stats, delivered: this.stats.delivered + 1 };
      return;
    }
    if (sent.permanent) {
      await exports.rejected(event.id, sent.text);
      this.stats = { ...this.stats, rejected: this.stats.rejected + 1 };
      this.logger.pino.error({ ...log, error: sent.summary }, 'WorkOS audit event rejected');
      return;
    }
    const { retryBaseMs, maxRetryMs } = this.settings;
    const waitMs = retryDelay(attempts, retryBaseMs, maxRetryMs);
    await exports.retryLater(event.id, waitMs, sent.text);
    this.stats = { ...this.stats, retried: this.stats.retried + 1 };
    this.logger.pino.warn(
      { ...log, retryInMs: waitMs, error: sent.summary },
      'WorkOS audit event not delivered',
    );
  }

  /** The WorkOS call: null when accepted, else what the failure means. */
  private async send({ event }: ClaimedExport): Promise<ReturnType<typeof exportFailure> | null> {
    if (!this.sdk) throw new Error('the export is not started');
    if (event.organizationId === null) {
      return { permanent: true, summary: { message: 'no organization' }, text: 'no organization' };
    }
    try {
      await this.sdk.auditLogs.createEvent(event.organizationId, toWorkosAuditEvent(event), {
        idempotencyKey: event.id,
      });
      return null;
    } catch (error) {
      return exportFailure(error);
    }
  }
}
