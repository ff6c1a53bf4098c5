import type { ColumnType } from 'kysely';

/** `audit_event_cursors` (migration 0002): how far each ingested stream has been read. */
export interface AuditEventCursorsTable {
  /** `workos-events` for the WorkOS Events API poller. */
  stream: string;
  /** Id of the last event recorded; null before the first. */
  last_event_id: string | null;
  /** `created_at` of that event. */
  last_event_at: Date | null;
  updated_at: ColumnType<Date, never, Date>;
}

/** The tables the poller adds to the audit schema. */
export type IngestionSchema = {
  audit_event_cursors: AuditEventCursorsTable;
};
