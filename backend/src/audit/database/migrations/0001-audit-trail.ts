import { sql, type Kysely } from 'kysely';

/**
 * The audit trail's tables. `audit_events` is append-only, enforced by a trigger as well as by the
 * repository: the only UPDATE completes a pending entry (outcome, details, completed_at; nothing
 * else may change), the only DELETE is retention pruning, which marks its transaction with
 * `SET LOCAL gatehouse.audit_prune = 'on'`. Denial counts may only grow.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('organization_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('admin', 'workos')`))
    .addColumn('external_id', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_email', 'text')
    .addColumn('impersonator', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('target_label', 'text')
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('pending', 'succeeded', 'failed')`),
    )
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('request_id', 'text')
    .addColumn('client_ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('completed_at', 'timestamptz')
    .execute();

  // Newest first per organization: every read filters by organization and pages by (time, id).
  await db.schema
    .createIndex('audit_events_org_time')
    .on('audit_events')
    .columns(['organization_id', 'occurred_at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_events_org_actor_time')
    .on('audit_events')
    .columns(['organization_id', 'actor_id', 'occurred_at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_events_org_action_time')
    .on('audit_events')
    .columns(['organization_id', 'action', 'occurred_at', 'id'])
    .execute();
  // Retention prunes by age across organizations.
  await db.schema
    .createIndex('audit_events_time')
    .on('audit_events')
    .column('occurred_at')
    .execute();
  await db.schema
    .createIndex('audit_events_source_external_id')
    .on('audit_events')
    .columns(['source', 'external_id'])
    .unique()
    .where(sql.ref('external_id'), 'is not', null)
    .execute();

  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'TRUNCATE' then
        raise exception 'audit_events is append-only: it is never truncated' using errcode = 'GA001';
      end if;
      if tg_op = 'DELETE' then
        if current_setting('gatehouse.audit_prune', true) = 'on' then
          return old;
        end if;
        raise exception 'audit_events is append-only: rows are deleted only by retention pruning'
          using errcode = 'GA001';
      end if;
      if old.outcome <> 'pending' or new.outcome = 'pending'
        or (new.id, new.occurred_at, new.organization_id, new.source, new.external_id,
            new.actor_id, new.actor_email, new.impersonator, new.action, new.target_type,
            new.target_id, new.target_label, new.request_id, new.client_ip, new.user_agent)
          is distinct from
           (old.id, old.occurred_at, old.organization_id, old.source, old.external_id,
            old.actor_id, old.actor_email, old.impersonator, old.action, old.target_type,
            old.target_id, old.target_label, old.request_id, old.client_ip, old.user_agent)
      then
        raise exception 'audit_events is append-only: only a pending entry may receive its outcome'
          using errcode = 'GA001';
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger audit_events_append_only before update or delete on audit_events
    for each row execute function audit_events_append_only()`.execute(db);
  await sql`
    create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only()`.execute(db);

  await db.schema
    .createTable('audit_denials')
    .addColumn('minute', 'timestamptz', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('status', 'smallint', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('missing', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull().check(sql`count > 0`))
    .addPrimaryKeyConstraint('audit_denials_key', [
      'organization_id',
      'minute',
      'status',
      'code',
      'route',
      'missing',
    ])
    .execute();
  await db.schema
    .createIndex('audit_denials_minute')
    .on('audit_denials')
    .column('minute')
    .execute();

  await sql`
    create function audit_denials_count_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        if current_setting('gatehouse.audit_prune', true) = 'on' then
          return old;
        end if;
        raise exception 'audit_denials rows are deleted only by retention pruning'
          using errcode = 'GA001';
      end if;
      if new.count < old.count
        or (new.minute, new.organization_id, new.status, new.code, new.route, new.missing)
          is distinct from
           (old.minute, old.organization_id, old.status, old.code, old.route, old.missing)
      then
        raise exception 'audit_denials counts only grow' using errcode = 'GA001';
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger audit_denials_count_only before update or delete on audit_denials
    for each row execute function audit_denials_count_only()`.execute(db);
}

/** Drops everything {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_denials').execute();
  await sql`drop function audit_denials_count_only()`.execute(db);
  await db.schema.dropTable('audit_events').execute();
  await sql`drop function audit_events_append_only()`.execute(db);
}
