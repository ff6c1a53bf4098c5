import type { AuditOutcome, AuditSource } from './database/audit-schema.js';

export type { AuditOutcome, AuditSource } from './database/audit-schema.js';

/** Who acted. `email` when the caller knows it (access tokens carry none). */
export interface AuditActor {
  readonly id: string | null;
  readonly email: string | null;
  /** The admin impersonating the actor (token `act.sub`), if any. */
  readonly impersonator: string | null;
}

/** What was acted upon, e.g. `{ type: 'membership', id: 'om_01…', label: 'max@example.com' }`. */
export interface AuditTarget {
  readonly type: string;
  readonly id: string;
  readonly label?: string | null;
}

/** Where the request came from, as the BFF forwarded it. */
export interface AuditRequestContext {
  readonly requestId: string | null;
  readonly clientIp: string | null;
  readonly userAgent: string | null;
}

/** An event to record. */
export interface NewAuditEvent {
  readonly occurredAt: Date;
  readonly organizationId: string | null;
  readonly source: AuditSource;
  /** Id at the source (a WorkOS event id), for de-duplication. */
  readonly externalId?: string | null;
  readonly actor: AuditActor;
  /** Dotted verb, e.g. `member.role_changed`. */
  readonly action: string;
  readonly target: AuditTarget | null;
  readonly outcome: AuditOutcome;
  /** JSON-serialisable: `before`, `after`, `error`, … */
  readonly details: Readonly<Record<string, unknown>>;
  readonly request: AuditRequestContext;
}

/** A recorded event. */
export interface AuditEvent extends NewAuditEvent {
  readonly id: string;
  readonly externalId: string | null;
  /** When a pending entry received its outcome; null while pending or when recorded complete. */
  readonly completedAt: Date | null;
}

/** Read filters. The organization is mandatory: every read is scoped to one tenant. */
export interface AuditEventFilter {
  readonly organizationId: string;
  readonly actorId?: string;
  readonly action?: string;
  readonly outcome?: AuditOutcome;
  /** Inclusive lower bound. */
  readonly from?: Date;
  /** Exclusive upper bound. */
  readonly to?: Date;
  /** Case-insensitive substring of the target's id or label. */
  readonly target?: string;
}

/** A position in the newest-first order: the last row of the previous page. */
export interface AuditCursor {
  readonly occurredAt: Date;
  readonly id: string;
}
