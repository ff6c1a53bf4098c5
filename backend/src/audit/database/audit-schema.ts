import type { ColumnType, Insertable, Selectable } from 'kysely';

/** What became of a recorded action. `pending` is written before the action runs. */
export type AuditOutcome = 'pending' | 'succeeded' | 'failed';

/** Every {@link AuditOutcome}. */
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['pending', 'succeeded', 'failed'];

/**
 * Where an entry came from: an admin action through this backend, WorkOS's Events API, or verified
 * access tokens (organization switches, migration 0005).
 */
export type AuditSource = 'admin' | 'workos' | 'token';

/** `audit_events`: one row per recorded event; append-only (see the first migration). */
export interface AuditEventsTable {
  /** Random UUID (v4): reveals nothing about other organizations' volume. */
  id: string;
  /** When the event happened, millisecond precision. */
  occurred_at: ColumnType<Date, Date, never>;
  /** The organization the event belongs to; null when none is known. */
  organization_id: string | null;
  source: AuditSource;
  /**
   * Id at the source for de-duplication: the WorkOS event id; for a switch, its session,
   * organization and token `iat`. Null for admin actions.
   */
  external_id: string | null;
  actor_id: string | null;
  actor_email: string | null;
  /** The admin impersonating the actor (token `act.sub`), if any. */
  impersonator: string | null;
  /** Dotted verb, e.g. `member.role_changed`. */
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** Human-readable target (an email, a role name), searched by the free-text filter. */
  target_label: string | null;
  outcome: AuditOutcome;
  /** JSON: `before`, `after`, `error` and anything else the action records. */
  details: ColumnType<Record<string, unknown>, string, string>;
  request_id: string | null;
  client_ip: string | null;
  user_agent: string | null;
  /** When a pending entry received its outcome. */
  completed_at: ColumnType<Date | null, Date | null, Date>;
}

/** `audit_denials`: 401/403 answers counted per organization, status, code, route and minute. */
export interface AuditDenialsTable {
  minute: ColumnType<Date, Date, never>;
  /** `''` when the organization is not known (every 401: the token was not trusted). */
  organization_id: string;
  status: number;
  code: string;
  /** The route pattern (`GET /audit/:id`), never the raw URL. */
  route: string;
  /** For 403: the roles or permissions the caller lacked, e.g. `permission:audit:read`. */
  missing: string;
  /** bigint: `pg` returns it as a string. */
  count: ColumnType<string, number, number>;
}

/** The database as Kysely sees it. */
export interface AuditDatabaseSchema {
  audit_events: AuditEventsTable;
  audit_denials: AuditDenialsTable;
}

export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;
export type AuditDenialRow = Selectable<AuditDenialsTable>;
