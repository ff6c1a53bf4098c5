import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AuditDatabase } from '../database/audit-database.js';
import { toRow } from '../database/audit-event.mapper.js';
import type { AuditDatabaseSchema } from '../database/audit-schema.js';
import { pruneInChunks, vacuumEmbedded } from '../database/prune.js';
import { organizationSwitchedEvent } from './organization-switch.event.js';
import type { SessionObservation } from './session-observation.js';
import type { SessionOrganizationsSchema } from './session-organizations.schema.js';

/** Sessions per statement (3 parameters each). */
const CHUNK = 1_000;

const bySessionId = (a: SessionObservation, b: SessionObservation) =>
  a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0;

/**
 * Each session's latest organization, and the `organization.switched` entries its changes make.
 * Several backends may record the same observations at once: rows are locked in session order,
 * an older token never overwrites a newer one, and entries are de-duplicated by external id.
 */
export class SessionOrganizationsRepository {
  constructor(private readonly database: AuditDatabase) {}

  /**
   * Records rounds of observations in one transaction, in order; a round holds at most one
   * observation per session. For each session already known in another organization, and not
   * seen since in a newer token, appends an `organization.switched` entry in the new one.
   *
   * @returns how many entries were inserted.
   */
  async record(rounds: readonly (readonly SessionObservation[])[]): Promise<number> {
    return this.database.db.transaction().execute(async (trx) => {
      let inserted = 0;
      for (const round of rounds) {
        const sorted = [...round].sort(bySessionId);
        for (let i = 0; i < sorted.length; i += CHUNK) {
          inserted += await recordDistinct(trx, sorted.slice(i, i + CHUNK));
        }
      }
      return inserted;
    });
  }

  /** Deletes sessions not seen since `cutoff`; returns how many. */
  async prune(cutoff: Date): Promise<number> {
    const deleted = await pruneInChunks(this.database.db, (trx, chunk) => {
      const db = trx.withTables<SessionOrganizationsSchema>();
      return db
        .deleteFrom('audit_session_organizations')
        .where('session_id', 'in', (eb) =>
          eb
            .selectFrom('audit_session_organizations')
            .select('session_id')
            .where('seen_at', '<', cutoff)
            .limit(chunk),
        )
        .executeTakeFirst();
    });
    await vacuumEmbedded(this.database, 'audit_session_organizations');
    return deleted;
  }
}

/** One statement's worth of distinct sessions, sorted by id (the lock order of every backend). */
async function recordDistinct(
  trx: Transaction<AuditDatabaseSchema>,
  observations: readonly SessionObservation[],
): Promise<number> {
  const db = trx.withTables<SessionOrganizationsSchema>();
  // Locks the known sessions: a backend recording the same sessions waits, then reads our result.
  const previous = await db
    .selectFrom('audit_session_organizations')
    .select(['session_id', 'organization_id'])
    .where(
      'session_id',
      'in',
      observations.map((o) => o.sessionId),
    )
    .orderBy('session_id')
    .forUpdate()
    .execute();
  const written = await db
    .insertInto('audit_session_organizations')
    .values(
      observations.map((o) => ({
        session_id: o.sessionId,
        organization_id: o.organizationId,
        seen_at: new Date(o.issuedAt * 1_000),
      })),
    )
    .onConflict((oc) =>
      oc
        .column('session_id')
        .doUpdateSet((eb) => ({
          organization_id: eb.ref('excluded.organization_id'),
          seen_at: eb.ref('excluded.seen_at'),
        }))
        // An older token (another tab, another backend's late flush) changes nothing.
        .whereRef('audit_session_organizations.seen_at', '<=', 'excluded.seen_at'),
    )
    .returning('session_id')
    .execute();
  const was = new Map(previous.map((row) => [row.session_id, row.organization_id]));
  const updated = new Set(written.map((row) => row.session_id));
  const switched = observations.filter((o) => {
    const before = was.get(o.sessionId);
    return before !== undefined && before !== o.organizationId && updated.has(o.sessionId);
  });
  if (switched.length === 0) return 0;
  const result = await trx
    .insertInto('audit_events')
    .values(switched.map((o) => toRow(randomUUID(), organizationSwitchedEvent(o))))
    .onConflict((oc) =>
      oc.columns(['source', 'external_id']).where('external_id', 'is not', null).doNothing(),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}
