import { sql, type Kysely } from 'kysely';

/**
 * `audit_event_cursors`: how far each ingested stream has been read. One row per stream; the
 * WorkOS Events API poller keeps the id of the last event it recorded under `workos-events` and
 * moves it in the same transaction as the rows it inserts, so a restart neither loses nor
 * repeats events. The row is created here, so the poller only ever compares and updates it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_event_cursors')
    .addColumn('stream', 'text', (c) => c.primaryKey())
    .addColumn('last_event_id', 'text')
    .addColumn('last_event_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into audit_event_cursors (stream) values ('workos-events')`.execute(db);
}

/** Drops the cursors table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_event_cursors').execute();
}
