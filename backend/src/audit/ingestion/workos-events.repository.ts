import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { NewAuditEvent } from '../audit-event.js';
import type { AuditDatabase } from '../database/audit-database.js';
import { toRow } from '../database/audit-event.mapper.js';
import type { IngestionSchema } from './event-cursor.schema.js';

/** The cursor row of the WorkOS Events API poller. */
export const WORKOS_EVENTS_STREAM = 'workos-events';

/** Another poller moved the cursor since this one read it: its page is dropped, not recorded. */
export class CursorMovedError extends Error {
  override readonly name = 'CursorMovedError';
}

/** The last event of a page: where the cursor moves to. */
export interface CursorPosition {
  readonly eventId: string;
  readonly createdAt: Date;
}

/**
 * The poller's side of the audit database: the cursor, and recording a page of WorkOS events
 * together with the cursor move in one transaction.
 */
export class WorkosEventsRepository {
  constructor(private readonly database: AuditDatabase) {}

  private get db() {
    return this.database.db.withTables<IngestionSchema>();
  }

  /** Id of the last recorded event; null before the first. */
  async cursor(): Promise<string | null> {
    const row = await this.db
      .selectFrom('audit_event_cursors')
      .select('last_event_id')
      .where('stream', '=', WORKOS_EVENTS_STREAM)
      .executeTakeFirstOrThrow();
    return row.last_event_id;
  }

  /**
   * Moves the cursor from `from` to `to` and inserts `events` (their WorkOS ids as
   * `external_id`; one already present is skipped), all or nothing. The move is a compare-and-set:
   * when the cursor is no longer at `from`, another poller recorded this page already and
   * {@link CursorMovedError} is thrown with nothing written.
   *
   * @returns how many entries were inserted.
   */
  async record(
    from: string | null,
    to: CursorPosition,
    events: readonly NewAuditEvent[],
  ): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('audit_event_cursors')
        .set({ last_event_id: to.eventId, last_event_at: to.createdAt, updated_at: sql`now()` })
        .where('stream', '=', WORKOS_EVENTS_STREAM)
        .where(sql<boolean>`last_event_id is not distinct from ${from}`)
        .executeTakeFirst();
      if (moved.numUpdatedRows !== 1n) {
        throw new CursorMovedError(`the ${WORKOS_EVENTS_STREAM} cursor moved`);
      }
      if (events.length === 0) return 0;
      const inserted = await trx
        .insertInto('audit_events')
        .values(events.map((event) => toRow(randomUUID(), event)))
        .onConflict((oc) =>
          oc.columns(['source', 'external_id']).where('external_id', 'is not', null).doNothing(),
        )
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0n);
    });
  }
}
