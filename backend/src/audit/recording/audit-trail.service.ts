import { CLOCK, type Clock } from '../../clock.js';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../../auth/index.js';
import { AppLogger } from '../../logging/app-logger.js';
import type {
  AuditActor,
  AuditEvent,
  AuditRequestContext,
  AuditTarget,
  NewAuditEvent,
} from '../audit-event.js';

import { AuditEntryNotPendingError, AuditUnavailableError } from '../audit-unavailable.error.js';
import { AuditStore } from '../audit-store.js';
import { GroupedWrites } from './grouped-writes.js';

/** Pending entries written together at most (one multi-row INSERT). */
export const MAX_GROUPED_BEGINS = 500;

/** What {@link AuditTrail.begin} records before the action runs. */
export interface AuditActionStart {
  readonly actor: AuditActor;
  /** The caller's organization (from the verified token, never from the request). */
  readonly organizationId: string;
  /** Dotted verb, e.g. `member.role_changed`. */
  readonly action: string;
  readonly target: AuditTarget | null;
  /** The state before the change (JSON), e.g. `{ role: 'member' }`. */
  readonly before?: unknown;
  /** Anything else worth keeping (JSON). */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly request: AuditRequestContext;
}

/** How the action ended. */
export interface AuditActionEnd {
  readonly outcome: 'succeeded' | 'failed';
  /** The state after the change (JSON). */
  readonly after?: unknown;
  /** Why it failed, e.g. `{ status: 404, code: 'entity_not_found' }` (never a secret). */
  readonly error?: unknown;
}

/** A pending entry returned by {@link AuditTrail.begin}, to be passed to {@link AuditTrail.complete}. */
export interface PendingAuditEntry {
  readonly id: string;
  readonly organizationId: string;
  readonly action: string;
  readonly startedAt: Date;
}

/**
 * Records admin actions so that an action and its entry cannot diverge: {@link begin} writes a
 * pending entry before WorkOS is called (and throws {@link AuditUnavailableError}, a 503, when it
 * cannot, so the action is refused with nothing changed), {@link complete} stores the outcome.
 */
@Injectable()
export class AuditTrail {
  /** Concurrent {@link begin}s share one INSERT: a flood of admin actions costs few statements. */
  private readonly pendingEntries = new GroupedWrites<NewAuditEvent, AuditEvent>(
    async (events) => (await this.store.repositories()).events.append(events),
    MAX_GROUPED_BEGINS,
  );

  constructor(
    private readonly store: AuditStore,
    @Inject(CLOCK) private readonly now: Clock,
    private readonly logger: AppLogger,
  ) {}

  /**
   * Writes the pending entry.
   *
   * @throws AuditUnavailableError when the database cannot take it: refuse the action.
   */
  async begin(start: AuditActionStart): Promise<PendingAuditEntry> {
    const startedAt = new Date(this.now());
    const details: Record<string, unknown> = { ...start.details };
    if (start.before !== undefined) details.before = start.before;
    const entry = await this.write(() =>
      this.pendingEntries.write({
        occurredAt: startedAt,
        organizationId: start.organizationId,
        source: 'admin',
        actor: start.actor,
        action: start.action,
        target: start.target,
        outcome: 'pending',
        details,
        request: start.request,
      }),
    );
    return { id: entry.id, organizationId: start.organizationId, action: start.action, startedAt };
  }

  /**
   * Stores the outcome of a pending entry. When this fails the entry stays `pending` (the outcome
   * is unknown to the trail); the caller should log it and still answer with the real outcome.
   *
   * @throws AuditUnavailableError when the database cannot take it.
   * @throws AuditEntryNotPendingError when the entry already has an outcome.
   */
  async complete(entry: PendingAuditEntry, end: AuditActionEnd): Promise<AuditEvent> {
    const details: Record<string, unknown> = {};
    if (end.after !== undefined) details.after = end.after;
    if (end.error !== undefined) details.error = end.error;
    return this.write(async () => {
      const { events } = await this.store.repositories();
      return events.complete(entry.id, {
        outcome: end.outcome,
        details,
        completedAt: new Date(this.now()),
      });
    });
  }

  /** Runs a write, turning any database failure into {@link AuditUnavailableError}. */
  private async write<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof AuditUnavailableError || error instanceof AuditEntryNotPendingError) {
        throw error;
      }
      this.logger.pino.error({ err: error }, 'audit write failed');
      throw new AuditUnavailableError('the audit write failed', { cause: error });
    }
  }
}

/**
 * The actor of a verified caller. Access tokens carry no email: pass it when known (e.g. from the
 * WorkOS user the admin console already loaded), else the entry has the user id only.
 */
export function actorOf(user: AuthenticatedUser, email: string | null = null): AuditActor {
  return { id: user.id, email, impersonator: user.impersonator?.subject ?? null };
}
