import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { WorkOSEvent } from './event.types.js';

/** What `/events` filters on. */
export interface EventQuery {
  types: readonly string[];
  organizationId?: string | undefined;
  /** Inclusive lower and exclusive upper bound of `created_at`, in ms. */
  from: number;
  to?: number | undefined;
  ascending: boolean;
  limit: number;
  /** Records strictly after (in the chosen order) this id. */
  after?: string | undefined;
  /** Records strictly before (in the chosen order) this id; the page is the ones just before it. */
  before?: string | undefined;
}

/**
 * Recorded events in the state database, ordered by id (ids are monotonic ULIDs, so by creation). Paging is done in
 * SQL: a long-running environment records two events per sign-in.
 */
export class EventStore {
  constructor(private readonly db: DatabaseSync) {}

  insert(event: WorkOSEvent, organizationId: string | null, createdAt: number): void {
    this.db
      .prepare(
        'INSERT INTO events (id, event, organization_id, body, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(event.id, event.event, organizationId, JSON.stringify(event), createdAt);
  }

  /** One page in the chosen order, and whether more records follow it. */
  page(q: EventQuery): { events: WorkOSEvent[]; more: boolean } {
    const where = [`event IN (${q.types.map(() => '?').join(', ')})`, 'created_at >= ?'];
    const args: SQLInputValue[] = [...q.types, q.from];
    const add = (condition: string, value: SQLInputValue | undefined): void => {
      if (value === undefined) return;
      where.push(condition);
      args.push(value);
    };
    add('created_at < ?', q.to);
    add('organization_id = ?', q.organizationId);
    // "After" follows the order; a `before`-only page is read backwards from the cursor, then turned around.
    const backwards = q.before !== undefined && q.after === undefined;
    add(`id ${q.ascending ? '>' : '<'} ?`, q.after);
    add(`id ${q.ascending ? '<' : '>'} ?`, q.before);
    const direction = q.ascending !== backwards ? 'ASC' : 'DESC';
    const rows = this.db
      .prepare(
        `SELECT body FROM events WHERE ${where.join(' AND ')} ORDER BY id ${direction} LIMIT ?`,
      )
      .all(...args, q.limit + 1) as unknown as { body: string }[];
    const events = rows.slice(0, q.limit).map((r) => JSON.parse(r.body) as WorkOSEvent);
    if (backwards) events.reverse();
    // A page read backwards from a cursor always has records after it (the cursor's side).
    return { events, more: backwards ? events.length > 0 : rows.length > q.limit };
  }

  /** Every recorded event, oldest first. */
  all(): WorkOSEvent[] {
    const rows = this.db.prepare('SELECT body FROM events ORDER BY id').all() as unknown as {
      body: string;
    }[];
    return rows.map((r) => JSON.parse(r.body) as WorkOSEvent);
  }

  /** Drops events created before `cutoff` (ms). */
  purgeBefore(cutoff: number): void {
    this.db.prepare('DELETE FROM events WHERE created_at < ?').run(cutoff);
  }

  clear(): void {
    this.db.exec('DELETE FROM events');
  }
}
