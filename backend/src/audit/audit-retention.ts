import { CLOCK, type Clock } from '../clock.js';
import { Inject, Injectable } from '@nestjs/common';
import { AppLogger } from '../logging/app-logger.js';
import type { AuditConfig } from './audit.config.js';
import { AUDIT_CONFIG } from './audit.tokens.js';
import { AuditStore, type AuditRepositories } from './audit-store.js';

/** Milliseconds in a day: the pruning period and the unit of `AUDIT_RETENTION_DAYS`. */
export const DAY_MS = 86_400_000;

/** What one pruning removed. */
export interface PruneResult {
  readonly cutoff: Date;
  readonly events: number;
  readonly denials: number;
  /** Sessions whose organization was last seen before the cutoff. */
  readonly sessions: number;
}

/**
 * Deletes events, denial counts and sessions (when given) older than `retentionDays` before `now`.
 */
export async function pruneExpired(
  repositories: Pick<AuditRepositories, 'events' | 'denials'> &
    Partial<Pick<AuditRepositories, 'sessions'>>,
  now: number,
  retentionDays: number,
): Promise<PruneResult> {
  const cutoff = new Date(now - retentionDays * DAY_MS);
  const events = await repositories.events.prune(cutoff);
  const denials = await repositories.denials.prune(cutoff);
  const sessions = (await repositories.sessions?.prune(cutoff)) ?? 0;
  return { cutoff, events, denials, sessions };
}

/**
 * Retention: prunes once the store is open, then every day. This is the only deletion of audit
 * entries. Several backends on one PostgreSQL each prune; the deletes are idempotent.
 */
@Injectable()
export class AuditRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: AuditStore,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
    @Inject(CLOCK) private readonly now: Clock,
    private readonly logger: AppLogger,
  ) {}

  start(): void {
    if (this.config.store.kind === 'disabled' || this.timer) return;
    this.timer = setInterval(() => void this.pruneNow(), DAY_MS);
    this.timer.unref();
    void this.pruneNow();
  }

  /** Prunes now (one run at a time); failures are logged, the next day tries again. */
  pruneNow(): Promise<PruneResult | undefined> {
    const run = this.running.then(() => this.prune());
    this.running = run;
    return run;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async prune(): Promise<PruneResult | undefined> {
    try {
      const result = await pruneExpired(
        await this.store.repositories(),
        this.now(),
        this.config.retentionDays,
      );
      this.logger.pino.info(
        {
          cutoff: result.cutoff.toISOString(),
          events: result.events,
          denials: result.denials,
          sessions: result.sessions,
        },
        'audit retention pruned',
      );
      return result;
    } catch (error) {
      this.logger.pino.warn({ err: error }, 'audit retention could not prune');
      return undefined;
    }
  }
}
