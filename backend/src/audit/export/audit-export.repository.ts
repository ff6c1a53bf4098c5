import { sql } from 'kysely';
import type { AuditEvent } from '../audit-event.js';
import type { AuditDatabase } from '../database/audit-database.js';
import { fromRow } from '../database/audit-event.mapper.js';
import type { AuditEventRow } from '../database/audit-schema.js';
import type { ExportSchema, ExportState } from './export-schema.js';

/** A claimed entry: the event to send and how many deliveries were tried, this one included. */
export interface ClaimedExport {
  readonly event: AuditEvent;
  readonly attempts: number;
}

/** Rows per state, for readiness and tests. */
export type ExportCounts = Readonly<Record<ExportState, number>>;

/**
 * The export's side of the audit database: claiming due entries and recording what became of
 * them. Times are the database's (`now()`), so backends with skewed clocks agree.
 */
export class AuditExportRepository {
  constructor(private readonly database: AuditDatabase) {}

  private get db() {
    return this.database.db.withTables<ExportSchema>();
  }

  /**
   * Claims up to `limit` due entries, oldest due first: each gets one more attempt and is not due
   * again for `leaseMs`, so another backend skips it (`FOR UPDATE SKIP LOCKED` while claiming,
   * the lease after). A backend that stops between sending and recording leaves the row to be
   * claimed again once the lease ends; the idempotency key makes that second send harmless.
   */
  async claim(limit: number, leaseMs: number): Promise<ClaimedExport[]> {
    const { rows } = await sql<AuditEventRow & { export_attempts: number }>`
      update audit_exports x
      set attempts = x.attempts + 1, next_attempt_at = now() + ${leaseMs} * interval '1 millisecond'
      from audit_events e
      where e.id = x.event_id and x.event_id in (
        select event_id from audit_exports
        where state = 'pending' and next_attempt_at <= now()
        order by next_attempt_at, event_id
        limit ${limit}
        for update skip locked)
      returning e.*, x.attempts as export_attempts`.execute(this.db);
    return rows.map(({ export_attempts, ...row }) => ({
      event: fromRow(row),
      attempts: export_attempts,
    }));
  }

  /** WorkOS accepted the event. */
  async delivered(eventId: string): Promise<void> {
    await this.db
      .updateTable('audit_exports')
      .set({ state: 'delivered', delivered_at: sql<Date>`now()`, last_error: null })
      .where('event_id', '=', eventId)
      .execute();
  }

  /** The delivery failed and is tried again after `waitMs`. */
  async retryLater(eventId: string, waitMs: number, error: string): Promise<void> {
    await this.db
      .updateTable('audit_exports')
      .set({
        next_attempt_at: sql<Date>`now() + ${waitMs} * interval '1 millisecond'`,
        last_error: error,
      })
      .where('event_id', '=', eventId)
      .where('state', '=', 'pending')
      .execute();
  }

  /** WorkOS refused the event as invalid: it is kept, with the reason, and not sent again. */
  async rejected(eventId: string, error: string): Promise<void> {
    await this.db
      .updateTable('audit_exports')
      .set({ state: 'rejected', last_error: error })
      .where('event_id', '=', eventId)
      .where('state', '=', 'pending')
      .execute();
  }

  /** How many rows are pending, delivered and rejected. */
  async counts(): Promise<ExportCounts> {
    const rows = await this.db
      .selectFrom('audit_exports')
      .select(['state', (eb) => eb.fn.countAll<string>().as('count')])
      .groupBy('state')
      .execute();
    const counts = { pending: 0, delivered: 0, rejected: 0 };
    for (const row of rows) counts[row.state] = Number(row.count);
    return counts;
  }
}
