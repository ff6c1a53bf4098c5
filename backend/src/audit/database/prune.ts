import { sql, type DeleteResult, type Kysely, type Transaction } from 'kysely';
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
