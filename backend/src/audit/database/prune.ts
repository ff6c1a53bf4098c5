import { sql, type DeleteResult, type Kysely, type Transaction } from 'kysely';
import type { AuditDatabase } from './audit-database.js';
import type { AuditDatabaseSchema } from './audit-schema.js';

/** Rows deleted per transaction: keeps each one short (PGlite has a single connection). */
const PRUNE_CHUNK = 5_000;

/**
 * Runs `deleteChunk` in its own transaction, marked as retention pruning (the append-only triggers
 * reject any other DELETE), until a chunk deletes fewer than {@link PRUNE_CHUNK} rows.
 *
 * @returns the number of rows deleted.
 */
export async function pruneInChunks(
  db: Kysely<AuditDatabaseSchema>,
  deleteChunk: (trx: Transaction<AuditDatabaseSchema>, chunk: number) => Promise<DeleteResult>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db.transaction().execute(async (trx) => {
      await sql`set local gatehouse.audit_prune = 'on'`.execute(trx);
      const result = await deleteChunk(trx, PRUNE_CHUNK);
      return Number(result.numDeletedRows);
    });
    total += deleted;
    if (deleted < PRUNE_CHUNK) return total;
  }
}

/**
 * PGlite runs no autovacuum (it is a single-user backend): after pruning, `VACUUM (ANALYZE)` makes
 * the deleted rows' space reusable and refreshes the planner's statistics, without which it
 * cannot choose between the organization's time index and the trigram indexes. PostgreSQL's
 * autovacuum does both by itself.
 */
export async function vacuumEmbedded(
  database: AuditDatabase,
  table: 'audit_events' | 'audit_denials' | 'audit_session_organizations',
): Promise<void> {
  if (database.kind !== 'pglite') return;
  await sql`vacuum (analyze) ${sql.table(table)}`.execute(database.db);
}
