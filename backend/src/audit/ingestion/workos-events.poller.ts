import { Inject, Injectable, Optional } from '@nestjs/common';
import { AppLogger } from '../../logging/app-logger.js';
import { createWorkosAdminClient } from '../../workos/workos-admin.client.js';
import type { WorkosAdminConfig } from '../../workos/workos-admin.config.js';
import { WORKOS_ADMIN_CONFIG } from '../../workos/workos.tokens.js';
import type { AuditConfig } from '../audit.config.js';
import { AUDIT_CONFIG } from '../audit.tokens.js';
import { AuditStore } from '../audit-store.js';
import { BackgroundRounds } from '../background-rounds.js';
import { ingestPage, workosEventsSource, type WorkosEventsSource } from './ingest-page.js';
import { pollerLeaseFor, type PollerLease } from './poller-lease.js';
import { CursorMovedError } from './workos-events.repository.js';
import { errorSummary } from './error-summary.js';

/** Pages read in one poll at most, so a long backlog does not hold a connection for long. */
const MAX_PAGES_PER_POLL = 10;
/** The longest wait after failures (unless the interval itself is longer). */
const MAX_BACKOFF_MS = 300_000;

/** What the poller has done since it started (readiness, tests). */
export interface PollerStats {
  /** Whether this process held the lease at the last poll. */
  readonly leader: boolean;
  readonly polls: number;
  /** `/events` pages read. */
  readonly pages: number;
  /** Events WorkOS returned. */
  readonly fetched: number;
  /** Entries inserted. */
  readonly recorded: number;
  /** Polls that failed (WorkOS or the database unavailable). */
  readonly failures: number;
  /** Failures in a row, which set the backoff. */
  readonly consecutiveFailures: number;
}

/** Why the poller does not run, or null when it does. */
function offReason(audit: AuditConfig, workos: WorkosAdminConfig | undefined): string | null {
  if (audit.store.kind === 'disabled') return 'the audit trail is off';
  if (!audit.events || audit.events.pollIntervalMs === 0) return 'AUDIT_EVENTS_POLL_SECONDS is 0';
  if (!workos?.apiKey) return 'no WORKOS_API_KEY';
  return null;
}

/**
 * Reads sign-ins, sessions and membership changes from WorkOS's Events API into the audit trail
 * (docs/audit.md, "Events from WorkOS"): every `AUDIT_EVENTS_POLL_SECONDS`, in one backend per
 * database (see {@link PollerLease}), page after page from the stored cursor. Failures are logged
 * without secrets and retried with backoff; nothing is thrown out of a poll.
 */
@Injectable()
export class WorkosEventsPoller {
  private rounds: BackgroundRounds | undefined;
  private source: WorkosEventsSource | undefined;
  private lease: PollerLease | undefined;
  private stats: PollerStats = {
    leader: false,
    polls: 0,
    pages: 0,
    fetched: 0,
    recorded: 0,
    failures: 0,
    consecutiveFailures: 0,
  };

  constructor(
    private readonly store: AuditStore,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
    private readonly logger: AppLogger,
    @Optional() @Inject(WORKOS_ADMIN_CONFIG) private readonly workos?: WorkosAdminConfig,
  ) {}

  /** Starts polling (the first poll right away) unless the configuration switches it off. */
  start(): void {
    if (this.rounds?.active === true) return;
    const { store } = this.config;
    const reason = offReason(this.config, this.workos);
    // The SDK's own retries are off: the next poll is the retry.
    const sdk =
      reason === null && this.workos
        ? createWorkosAdminClient({ ...this.workos, maxRetries: 0 })
        : null;
    if (sdk === null || store.kind === 'disabled') {
      this.logger.pino.info({ reason }, 'WorkOS events poller off');
      return;
    }
    this.source = workosEventsSource(sdk);
    this.lease = pollerLeaseFor(store, (error) =>
      this.logger.pino.warn({ error: errorSummary(error) }, 'WorkOS events poller lost its lock'),
    );
    const intervalMs = this.config.events?.pollIntervalMs ?? 0;
    this.rounds = new BackgroundRounds({
      intervalMs,
      maxBackoffMs: Math.max(intervalMs, MAX_BACKOFF_MS),
      round: () => this.pollOnce(),
      onFailure: (error, consecutiveFailures, retryInMs) => {
        this.stats = { ...this.stats, failures: this.stats.failures + 1 };
        this.logger.pino.warn(
          { error: errorSummary(error), consecutiveFailures, retryInMs },
          'WorkOS events not read',
        );
      },
    });
    this.logger.pino.info({ intervalMs }, 'WorkOS events poller started');
    this.rounds.start();
  }

  /** Stops polling: waits for a poll in progress, then releases the lease. */
  async stop(): Promise<void> {
    await this.rounds?.stop();
    await this.lease?.release();
  }

  /** Counters since start. */
  status(): PollerStats {
    return { ...this.stats, consecutiveFailures: this.rounds?.consecutiveFailures ?? 0 };
  }

  /** One poll: whether a full page suggests more is waiting. */
  private async pollOnce(): Promise<boolean> {
    if (!this.lease || !this.source) return false;
    const leader = await this.lease.acquire();
    this.stats = { ...this.stats, leader, polls: this.stats.polls + 1 };
    if (!leader) return false;
    const { workosEvents } = await this.store.repositories();
    for (let page = 0; page < MAX_PAGES_PER_POLL && this.rounds?.active === true; page += 1) {
      let result;
      try {
        result = await ingestPage(this.source, workosEvents);
      } catch (error) {
        // Another poller recorded that page (a lease changing hands): read on from its cursor.
        if (error instanceof CursorMovedError) continue;
        throw error;
      }
      this.stats = {
        ...this.stats,
        pages: this.stats.pages + 1,
        fetched: this.stats.fetched + result.fetched,
        recorded: this.stats.recorded + result.recorded,
      };
      if (result.recorded > 0) {
        this.logger.pino.debug({ recorded: result.recorded }, 'WorkOS events recorded');
      }
      if (!result.full) return false;
    }
    return this.rounds?.active === true;
  }
}
