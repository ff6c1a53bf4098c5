import type { DatabaseSync } from 'node:sqlite';

/** An accepted Audit Logs event, as stored. */
export interface StoredAuditLogEvent {
  id: string;
  organizationId: string;
  /** The event as received (`action`, `occurred_at`, `actor`, `targets`, `context`, …). */
  event: Record<string, unknown>;
  createdAt: number;
}

/** How long an `Idempotency-Key` is remembered (production: 24 hours). */
export const AUDIT_IDEMPOTENCY_MS = 24 * 3600 * 1000;

/** Accepted Audit Logs events in the state database, with the `Idempotency-Key` each arrived with. */
export class AuditLogStore {
  constructor(private readonly db: DatabaseSync) {}

  /** Whether an event was accepted with this key since `since` (ms). */
  hasKey(key: string, since: number): boolean {
    const row = this.db
      .prepare(
        'SELECT 1 FROM audit_log_events WHERE idempotency_key = ? AND created_at >= ? LIMIT 1',
      )
      .get(key, since);
    return row !== undefined;
  }

  insert(e: StoredAuditLogEvent, idempotencyKey: string | null): void {
    this.db
      .prepare(
        'INSERT INTO audit_log_events (id, organization_id, idempotency_key, body, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(e.id, e.organizationId, idempotencyKey, JSON.stringify(e.event), e.createdAt);
  }

  /** Accepted events, oldest first, optionally of one organization. */
  list(organizationId?: string): StoredAuditLogEvent[] {
    const rows = this.db
      .prepare(
        'SELECT * FROM audit_log_events WHERE (?1 IS NULL OR organization_id = ?1) ORDER BY id',
      )
      .all(organizationId ?? null) as unknown as {
      id: string;
      organization_id: string;
      body: string;
      created_at: number;
    }[];
    return rows.map((r) => ({
      id: r.id,
      organizationId: r.organization_id,
      event: JSON.parse(r.body) as Record<string, unknown>,
      createdAt: r.created_at,
    }));
  }

  clear(): void {
    this.db.exec('DELETE FROM audit_log_events');
  }
}
