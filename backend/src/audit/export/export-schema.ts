import type { ColumnType } from 'kysely';

/** Where an entry's export stands. */
export type ExportState = 'pending' | 'delivered' | 'rejected';

/** `audit_exports` (migration 0004): one row per finished admin entry, filled by a trigger. */
export interface AuditExportsTable {
  /** The `audit_events` id; also the WorkOS idempotency key. */
  event_id: string;
  /** `rejected`: WorkOS refused the event as invalid (4xx); it is not sent again. */
  state: ColumnType<ExportState, never, ExportState>;
  /** Deliveries tried so far (claims). */
  attempts: ColumnType<number, never, number>;
  /** When the row may be claimed next: due, or after a retry wait, or after a claim's lease. */
  next_attempt_at: ColumnType<Date, never, Date>;
  delivered_at: ColumnType<Date | null, never, Date>;
  /** Status, code and message of the last failure (no secrets, see errorSummary). */
  last_error: ColumnType<string | null, never, string | null>;
  queued_at: ColumnType<Date, never, never>;
}

/** The table the export adds to the audit schema. */
export type ExportSchema = {
  audit_exports: AuditExportsTable;
};
