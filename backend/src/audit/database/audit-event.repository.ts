import { randomUUID } from 'node:crypto';
import { sql, type SelectQueryBuilder } from 'kysely';
import type {
  AuditCursor,
  AuditEvent,
  AuditEventFilter,
  AuditOutcome,
  NewAuditEvent,
} from '../audit-event.js';
import { AuditEntryNotPendingError } from '../audit-unavailable.error.js';
import type { AuditDatabase } from './audit-database.js';
import { fromRow, toRow } from './audit-event.mapper.js';
import type { AuditDatabaseSchema, AuditEventRow } from './audit-schema.js';
import { pruneInChunks, vacuumEmbedded } from './prune.js';

/** Rows per INSERT statement (PostgreSQL allows 65,535 parameters; a row uses 17). */
const INSERT_CHUNK = 1_000;

/** A page of events, newest first, and the cursor of the next page when there is one. */
export interface AuditEventPage {
  readonly events: readonly AuditEvent[];
  readonly next: AuditCursor | null;
}

/** The final state of a pending entry. */
export interface AuditCompletion {
  readonly outcome: Exclude<AuditOutcome, 'pending'>;
  /** Merged into the entry's details (`after`, `error`, …). */
  readonly details: Readonly<Record<string, unknown>>;
  readonly completedAt: Date;
}

type EventQuery = SelectQueryBuilder<AuditDatabaseSchema, 'audit_events', AuditEventRow>;

/** `\`, `%` and `_` taken literally in a LIKE pattern (backslash is the default escape). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Reads and appends audit events. Append-only by construction: the only change to a row is
 * {@link complete} (a pending entry receives its outcome) and the only removal is {@link prune}.
 * Every read takes the organization: there is no cross-tenant query.
 */
export class AuditEventRepository {
  constructor(private readonly database: AuditDatabase) {}

  /**
   * Inserts the events (multi-row statements of {@link INSERT_CHUNK}, in one transaction when
   * there are several) and returns them with their new ids.
   */
  async append(events: readonly NewAuditEvent[]): Promise<AuditEvent[]> {
    const withIds = events.map((event) => ({ id: randomUUID(), event }));
    const rows = withIds.map(({ id, event }) => toRow(id, event));
    if (rows.length <= INSERT_CHUNK) {
      // One statement is atomic by itself: no BEGIN and COMMIT round trips.
      if (rows.length > 0) await this.database.db.insertInto('audit_events').values(rows).execute();
    } else {
      await this.database.db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          await trx
            .insertInto('audit_events')
            .values(rows.slice(i, i + INSERT_CHUNK))
            .execute();
        }
      });
    }
    return withIds.map(({ id, event }) => ({
      ...event,
      id,
      externalId: event.externalId ?? null,
      completedAt: null,
    }));
  }

  /**
   * Gives a pending entry its outcome, merging `details` into the recorded ones.
   *
   * @throws AuditEntryNotPendingError when the entry does not exist or already has an outcome.
   */
  async complete(id: string, completion: AuditCompletion): Promise<AuditEvent> {
    const row = await this.database.db
      .updateTable('audit_events')
      .set({
        outcome: completion.outcome,
        completed_at: completion.completedAt,
        details: sql<string>`details || ${JSON.stringify(completion.details)}::jsonb`,
      })
      .where('id', '=', id)
      .where('outcome', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) throw new AuditEntryNotPendingError(id);
    return fromRow(row);
  }

  /** One event of the organization, or undefined (also for another organization's id). */
  async findById(organizationId: string, id: string): Promise<AuditEvent | undefined> {
    const row = await this.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : fromRow(row);
  }

  /** Up to `limit` events newest first (ties on time broken by id), after `after` when given. */
  async page(
    filter: AuditEventFilter,
    options: { readonly limit: number; readonly after?: AuditCursor | null },
  ): Promise<AuditEventPage> {
    const newestFirst = <Q extends EventQuery>(query: Q) =>
      query.orderBy('occurred_at', 'desc').orderBy('id', 'desc');
    let query = this.filtered(filter);
    const after = options.after;
    if (after) {
      query = query.where((eb) =>
        eb(eb.refTuple('occurred_at', 'id'), '<', eb.tuple(after.occurredAt, after.id)),
      );
    }
    query = newestFirst(query).limit(options.limit + 1);
    if (filter.target !== undefined) {
      // Text no index can look up: the page's ids come from an index-only scan of the
      // organization's entries (0003 puts the target columns in the index), then only those
      // rows are read, instead of every row of the organization.
      const ids = query.clearSelect().select('id');
      query = newestFirst(
        this.database.db
          .selectFrom('audit_events')
          .selectAll()
          .where('organization_id', '=', filter.organizationId)
          .where('id', 'in', ids),
      );
    }
    const rows = await query.execute();
    const events = rows.slice(0, options.limit).map(fromRow);
    const last = events.at(-1);
    const next =
      rows.length > options.limit && last ? { occurredAt: last.occurredAt, id: last.id } : null;
    return { events, next };
  }

  /**
   * Every matching event newest first, `batchSize` rows per query (keyset pagination): a large
   * range is read one batch at a time, each fetched only when the consumer asks for it.
   */
  async *batches(filter: AuditEventFilter, batchSize: number): AsyncGenerator<AuditEvent[]> {
    let after: AuditCursor | null = null;
    do {
      const page: AuditEventPage = await this.page(filter, { limit: batchSize, after });
      if (page.events.length > 0) yield [...page.events];
      after = page.next;
    } while (after !== null);
  }

  /** Deletes events that occurred before `cutoff`; returns how many. */
  async prune(cutoff: Date): Promise<number> {
    const deleted = await pruneInChunks(this.database.db, (trx, chunk) =>
      trx
        .deleteFrom('audit_events')
        .where('id', 'in', (eb) =>
          eb.selectFrom('audit_events').select('id').where('occurred_at', '<', cutoff).limit(chunk),
        )
        .executeTakeFirst(),
    );
    await vacuumEmbedded(this.database, 'audit_events');
    return deleted;
  }

  private filtered(filter: AuditEventFilter): EventQuery {
    let query: EventQuery = this.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', filter.organizationId);
    if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
    if (filter.action !== undefined) query = query.where('action', '=', filter.action);
    if (filter.outcome !== undefined) query = query.where('outcome', '=', filter.outcome);
    if (filter.from !== undefined) query = query.where('occurred_at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('occurred_at', '<', filter.to);
    if (filter.target !== undefined) {
      const pattern = `%${escapeLike(filter.target)}%`;
      query = query.where((eb) =>
        eb.or([eb('target_id', 'ilike', pattern), eb('target_label', 'ilike', pattern)]),
      );
    }
    return query;
  }
}
