import { Injectable, Logger } from '@nestjs/common';
import type { AuditRequestContext, AuditTarget } from '../audit/audit-event.js';
import { actorOf, AuditTrail } from '../audit/recording/audit-trail.service.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { ApiError } from '../http/index.js';

/** Who asks for an admin action: the verified user and the request as the BFF forwarded it. */
export interface AdminCaller {
  readonly user: AuthenticatedUser;
  readonly request: AuditRequestContext;
}

/** One admin action to record. */
export interface AdminAction<T> {
  /** Dotted verb, e.g. `member.role_changed`. */
  readonly action: string;
  readonly organizationId: string;
  readonly target: AuditTarget;
  /** The state before the change (JSON). */
  readonly before?: unknown;
  /** The WorkOS write. */
  readonly run: () => Promise<T>;
  /** The state after the change (JSON), from the write's result. */
  readonly after: (result: T) => unknown;
}

/** What an audit entry keeps of a failure: our status and code, never a message with details. */
function failureOf(error: unknown): Record<string, unknown> {
  if (error instanceof ApiError) return { status: error.body.statusCode, code: error.body.code };
  return { code: 'unexpected_error' };
}

/**
 * Runs an admin action's WorkOS write between the two halves of its audit entry: a pending entry
 * first (when it cannot be written, `AuditTrail` throws and the action is refused with 503
 * `audit_unavailable`, WorkOS never called), then the outcome with before/after. A failure to
 * store the outcome is logged and does not change the answer: WorkOS's result is the truth, and
 * the entry staying `pending` tells auditors the outcome is unknown to the trail.
 */
@Injectable()
export class AuditedActions {
  private readonly logger = new Logger('AuditedActions');

  constructor(private readonly trail: AuditTrail) {}

  async run<T>(caller: AdminCaller, action: AdminAction<T>): Promise<T> {
    const entry = await this.trail.begin({
      actor: actorOf(caller.user),
      organizationId: action.organizationId,
      action: action.action,
      target: action.target,
      ...(action.before === undefined ? {} : { before: action.before }),
      request: caller.request,
    });
    let result: T;
    try {
      result = await action.run();
    } catch (error) {
      await this.complete(entry, { outcome: 'failed', error: failureOf(error) });
      throw error;
    }
    await this.complete(entry, { outcome: 'succeeded', after: action.after(result) });
    return result;
  }

  private async complete(
    entry: Awaited<ReturnType<AuditTrail['begin']>>,
    end: Parameters<AuditTrail['complete']>[1],
  ): Promise<void> {
    try {
      await this.trail.complete(entry, end);
    } catch (error) {
      this.logger.warn({
        msg: 'audit entry left pending: its outcome could not be stored',
        auditEntryId: entry.id,
        action: entry.action,
        outcome: end.outcome,
        err: error instanceof Error ? error.name : typeof error,
      });
    }
  }
}
