import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the filters that 0001 left to a scan of the organization's rows:
 *
 * - `target` (case-insensitive substring of the target's id or label): trigram GIN indexes
 *   (`pg_trgm`), with the organization as a leading key (`btree_gin`), so a rare substring is found
 *   without reading every row of the organization. Both extensions are trusted: the database's
 *   owner may create them; PGlite loads them when it opens.
 * - `outcome`: `(organization_id, outcome, occurred_at, id)`, so a rare outcome (`pending`) is read
 *   newest first without walking past the common ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists btree_gin`.execute(db);
  await sql`
    create index audit_events_org_target_id_trgm on audit_events
    using gin (organization_id, target_id gin_trgm_ops)`.execute(db);
  await sql`
    create index audit_events_org_target_label_trgm on audit_events
    using gin (organization_id, target_label gin_trgm_ops)`.execute(db);
  await db.schema
    .createIndex('audit_events_org_outcome_time')
    .on('audit_events')
    .columns(['organization_id', 'outcome', 'occurred_at', 'id'])
    .execute();
}

/** Drops the indexes (the extensions stay: other objects may use them). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_events_org_outcome_time').execute();
  await db.schema.dropIndex('audit_events_org_target_label_trgm').execute();
  await db.schema.dropIndex('audit_events_org_target_id_trgm').execute();
}
