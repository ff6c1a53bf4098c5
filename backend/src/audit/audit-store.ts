import { Inject, Injectable } from '@nestjs/common';
import { AppLogger } from '../logging/app-logger.js';
import type { AuditConfig } from './audit.config.js';
import { AUDIT_CONFIG } from './audit.tokens.js';
import { AuditUnavailableError } from './audit-unavailable.error.js';
import { AuditDatabase } from './database/audit-database.js';
import { AuditDenialRepository } from './database/audit-denial.repository.js';
import { AuditEventRepository } from './database/audit-event.repository.js';
import { AuditExportRepository } from './export/audit-export.repository.js';
import { WorkosEventsRepository } from './ingestion/workos-events.repository.js';
import { SessionOrganizationsRepository } from './switches/session-organizations.repository.js';

/** What the store is doing, for logs and readiness details. */
export type AuditStoreState = 'idle' | 'opening' | 'open' | 'retrying' | 'disabled' | 'closed';

/** Waits between failed attempts to open the database (then stays at the last value). */
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/** The repositories over one open database. */
export interface AuditRepositories {
  readonly events: AuditEventRepository;
  readonly denials: AuditDenialRepository;
  /** The WorkOS Events API poller's cursor and inserts. */
  readonly workosEvents: WorkosEventsRepository;
  /** The outbox of the export to WorkOS Audit Logs. */
  readonly exports: AuditExportRepository;
  /** Each session's organization, and the organization switches it reveals. */
  readonly sessions: SessionOrganizationsRepository;
}

/**
 * Opens the audit database when the app starts, without holding the app's start-up: token
 * verification works while PGlite initialises or PostgreSQL is unreachable. Callers wait for an
 * open in progress; while the database cannot be opened they get {@link AuditUnavailableError}
 * (a 503), and the store keeps retrying with backoff.
 */
@Injectable()
export class AuditStore {
  private state: AuditStoreState = 'idle';
  private opening: Promise<AuditRepositories> | undefined;
  private opened: { database: AuditDatabase; repositories: AuditRepositories } | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
    private readonly logger: AppLogger,
  ) {}

  /** Starts opening the database (migrating it unless configured not to). */
  start(): void {
    if (this.config.store.kind === 'disabled') {
      this.state = 'disabled';
      this.logger.pino.warn(
        { reason: this.config.store.reason },
        'audit trail off: admin actions will be refused',
      );
      return;
    }
    if (this.state !== 'idle' && this.state !== 'retrying') return;
    this.state = 'opening';
    const attempt = this.open();
    this.opening = attempt;
    attempt.catch((error: unknown) => this.scheduleRetry(error));
  }

  /** The repositories; waits for an open in progress. */
  async repositories(): Promise<AuditRepositories> {
    if (this.opened) return this.opened.repositories;
    if (this.state === 'disabled') throw new AuditUnavailableError('no audit database configured');
    if (this.state === 'opening' && this.opening) {
      try {
        return await this.opening;
      } catch (error) {
        throw new AuditUnavailableError('the audit database could not be opened', { cause: error });
      }
    }
    throw new AuditUnavailableError(`the audit database is ${this.state}`);
  }

  /** The current state (`open` once migrations have run). */
  status(): { readonly state: AuditStoreState; readonly kind: AuditConfig['store']['kind'] } {
    return { state: this.state, kind: this.config.store.kind };
  }

  /** Stops retrying and closes the database once any open in progress has settled. */
  async close(): Promise<void> {
    const wasOpening = this.opening;
    this.state = 'closed';
    clearTimeout(this.retryTimer);
    await wasOpening?.catch(() => undefined);
    const opened = this.opened;
    this.opened = undefined;
    await opened?.database.close();
  }

  private async open(): Promise<AuditRepositories> {
    const { store, migrateOnStart } = this.config;
    const database = await AuditDatabase.open(
      store,
      (message, error) => this.logger.pino.error({ err: error }, message),
      { migrate: migrateOnStart },
    );
    if (this.state === 'closed') {
      await database.close();
      throw new AuditUnavailableError('the audit store was closed while opening');
    }
    const repositories = {
      events: new AuditEventRepository(database),
      denials: new AuditDenialRepository(database),
      workosEvents: new WorkosEventsRepository(database),
      exports: new AuditExportRepository(database),
      sessions: new SessionOrganizationsRepository(database),
    };
    this.opened = { database, repositories };
    this.state = 'open';
    this.failures = 0;
    this.logger.pino.info(
      { store: describe(this.config), migrationsApplied: database.appliedMigrations },
      'audit trail ready',
    );
    return repositories;
  }

  private scheduleRetry(error: unknown): void {
    if (this.state === 'closed') return;
    const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)] ?? 30_000;
    this.failures += 1;
    this.state = 'retrying';
    this.logger.pino.error(
      { err: error, store: describe(this.config), retryInMs: delay },
      'audit database unavailable',
    );
    this.retryTimer = setTimeout(() => this.start(), delay);
    this.retryTimer.unref();
  }
}

/** Where the trail lives, without the PostgreSQL URL (it may hold a password). */
function describe(config: AuditConfig): string {
  const { store } = config;
  if (store.kind === 'pglite') return `PGlite at ${store.dataDir}`;
  if (store.kind === 'postgres') return 'PostgreSQL (DATABASE_URL)';
  return 'disabled';
}
