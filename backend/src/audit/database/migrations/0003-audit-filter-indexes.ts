import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the filters that 0001 left to reading every row of the organization from the table:
 *
 * - `target` (case-insensitive substring of the target's id or label, which no b-tree can look
 *   up): the organization's newest-first index now carries `target_id` and `target_label`
 *   (INCLUDE), so the repository finds a page's ids by an index-only scan of the organization's
 *   entries, which lie together, and reads only those rows. Trigram indexes (pg_trgm) were tried:
 *   they answer rare substrings fast, but a term made of common trigrams (a shared domain, a
 *   prefix every label has) costs them more than this scan.
 * - `outcome`: `(organization_id, outcome, occurred_at, id)`, so a rare outcome (`pending`) is read
 *   newest first without walking past the common ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Kysely's index builder has no INCLUDE.
  await sql`
    create index audit_events_org_time_target on audit_events (organization_id, occurred_at, id)
    include (target_id, target_label)`.execute(db);
  // Same keys: the new index serves everything this one did.
  await db.schema.dropIndex('audit_events_org_time').execute();
  await db.schema
    .createIndex('audit_events_org_outcome_time')
    .on('audit_events')
    .columns(['organization_id', 'outcome', 'occurred_at', 'id'])
    .execute();
}

/** Restores 0001's indexes. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_events_org_outcome_time').execute();
  await db.schema
    .createIndex('audit_events_org_time')
    .on('audit_events')
    .columns(['organization_id', 'occurred_at', 'id'])
    .execute();
  await db.schema.dropIndex('audit_events_org_time_target').execute();
}
