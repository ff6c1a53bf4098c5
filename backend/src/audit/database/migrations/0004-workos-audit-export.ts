import { sql, type Kysely } from 'kysely';

/**
 * `audit_exports`: the outbox of the export to WorkOS Audit Logs (`AUDIT_EXPORT_WORKOS`). A
 * trigger adds one row, in the same transaction, when an admin entry is finished: inserted with
 * an outcome, or a pending entry receiving one. `audit_events` stays append-only; delivery state
 * (attempts, next attempt, delivered or rejected) lives here. A row goes with its event when
 * retention deletes it (a statement trigger; a foreign key would change how TRUNCATE is refused).
 * Entries from WorkOS (`source = 'workos'`) and pending entries are never queued.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_exports')
    .addColumn('event_id', 'uuid', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`state in ('pending', 'delivered', 'rejected')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The deliverer's question: which pending rows are due, oldest first.
  await db.schema
    .createIndex('audit_exports_due')
    .on('audit_exports')
    .column('next_attempt_at')
    .where(sql.ref('state'), '=', 'pending')
    .execute();

  // Inserts: once per statement over the inserted rows (a multi-row INSERT pays one call).
  await sql`
    create function audit_exports_enqueue_inserted() returns trigger language plpgsql as $$
    begin
      insert into audit_exports (event_id)
      select id from inserted where source = 'admin' and outcome <> 'pending'
      on conflict do nothing;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger audit_exports_enqueue_insert after insert on audit_events
    referencing new table as inserted
    for each statement execute function audit_exports_enqueue_inserted()`.execute(db);
  // Completions: one row each; the WHEN clause spares other updates the call.
  await sql`
    create function audit_exports_enqueue_completed() returns trigger language plpgsql as $$
    begin
      insert into audit_exports (event_id) values (new.id) on conflict do nothing;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger audit_exports_enqueue_update after update on audit_events
    for each row when (new.source = 'admin' and old.outcome = 'pending' and new.outcome <> 'pending')
    execute function audit_exports_enqueue_completed()`.execute(db);

  // Retention's deletes take the rows of the events they delete (once per statement).
  await sql`
    create function audit_exports_forget() returns trigger language plpgsql as $$
    begin
      delete from audit_exports where event_id in (select id from pruned);
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger audit_exports_forget after delete on audit_events
    referencing old table as pruned
    for each statement execute function audit_exports_forget()`.execute(db);
}

/** Drops the outbox and its triggers. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger audit_exports_enqueue_update on audit_events`.execute(db);
  await sql`drop trigger audit_exports_enqueue_insert on audit_events`.execute(db);
  await sql`drop trigger audit_exports_forget on audit_events`.execute(db);
  await sql`drop function audit_exports_enqueue_inserted()`.execute(db);
  await sql`drop function audit_exports_enqueue_completed()`.execute(db);
  await sql`drop function audit_exports_forget()`.execute(db);
  await db.schema.dropTable('audit_exports').execute();
}
