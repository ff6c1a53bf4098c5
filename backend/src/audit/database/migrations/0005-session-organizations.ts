import { sql, type Kysely } from 'kysely';

/**
 * Organization switches, derived from verified access tokens (WorkOS emits no event for them):
 *
 * - `audit_session_organizations`: per WorkOS session (`sid`), the organization of the newest token
 *   seen and that token's `iat` (`seen_at`). Shared by every backend on the database, so a switch
 *   is noticed whichever backend sees the new token. Not an audit record: rows are overwritten,
 *   and retention deletes those not seen for the retention period.
 * - `audit_events.source` may be `token`: entries derived from verified tokens
 *   (`organization.switched`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_session_organizations')
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // Retention deletes by age.
  await db.schema
    .createIndex('audit_session_organizations_seen_at')
    .on('audit_session_organizations')
    .column('seen_at')
    .execute();
  await sql`alter table audit_events drop constraint audit_events_source_check`.execute(db);
  await sql`
    alter table audit_events add constraint audit_events_source_check
    check (source in ('admin', 'workos', 'token'))`.execute(db);
}

/** Drops the table and restores 0001's sources (fails while `token` entries exist). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_events drop constraint audit_events_source_check`.execute(db);
  await sql`
    alter table audit_events add constraint audit_events_source_check
    check (source in ('admin', 'workos'))`.execute(db);
  await db.schema.dropTable('audit_session_organizations').execute();
}
