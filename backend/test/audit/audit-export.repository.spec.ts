import { sql } from 'kysely';
import { AuditDatabase } from '../../src/audit/database/audit-database.js';
import { AuditEventRepository } from '../../src/audit/database/audit-event.repository.js';
import { AuditExportRepository } from '../../src/audit/export/audit-export.repository.js';
import { adminEvent, newOrganizationId, quiet } from './support/audit-events.js';
import { storesUnderTest } from './support/stores-under-test.js';

const LEASE_MS = 60_000;

describe.each(storesUnderTest())('the WorkOS export outbox on $name', (store) => {
  let database: AuditDatabase;
  let events: AuditEventRepository;
  let exports: AuditExportRepository;

  /** Rows of the outbox for one organization: event id → state. */
  const outbox = async (organizationId: string) => {
    const { rows } = await sql<{ event_id: string; state: string; attempts: number }>`
      select x.event_id, x.state, x.attempts from audit_exports x
      join audit_events e on e.id = x.event_id
      where e.organization_id = ${organizationId} order by e.occurred_at`.execute(database.db);
    return rows;
  };

  beforeAll(async () => {
    await store.setUp();
    database = await AuditDatabase.open(store.config(), quiet);
    events = new AuditEventRepository(database);
    exports = new AuditExportRepository(database);
  }, 180_000);
  afterAll(async () => {
    await database?.close();
    await store.tearDown();
  });

  it('queues finished admin entries only, a pending one when it gets its outcome', async () => {
    const org = newOrganizationId();
    const [done, pending] = await events.append([
      adminEvent({ organizationId: org, occurredAt: new Date('2026-03-01T10:00:00Z') }),
      adminEvent({
        organizationId: org,
        outcome: 'pending',
        occurredAt: new Date('2026-03-01T10:00:01Z'),
      }),
      adminEvent({ organizationId: org, source: 'workos', externalId: 'event_x' }),
    ]);
    expect((await outbox(org)).map((r) => r.event_id)).toEqual([done?.id]);
    await events.complete(pending?.id ?? '', {
      outcome: 'failed',
      details: { error: { message: 'no' } },
      completedAt: new Date(),
    });
    expect((await outbox(org)).map((r) => [r.event_id, r.state])).toEqual([
      [done?.id, 'pending'],
      [pending?.id, 'pending'],
    ]);

    // Claimed entries are not due again until their lease ends.
    const claimed = await exports.claim(10, LEASE_MS);
    // RETURNING has no order: compare as sets.
    expect(claimed.map((c) => [c.event.id, c.event.outcome, c.attempts]).sort()).toEqual(
      [
        [done?.id, 'succeeded', 1],
        [pending?.id, 'failed', 1],
      ].sort(),
    );
    expect(await exports.claim(10, LEASE_MS)).toEqual([]);

    await exports.delivered(done?.id ?? '');
    await exports.rejected(pending?.id ?? '', '404 Organization not found');
    expect((await outbox(org)).map((r) => r.state)).toEqual(['delivered', 'rejected']);
    expect(await exports.counts()).toEqual({ pending: 0, delivered: 1, rejected: 1 });
  });

  it('makes a failed entry due again after its wait, counting attempts', async () => {
    const org = newOrganizationId();
    const [entry] = await events.append([adminEvent({ organizationId: org })]);
    const id = entry?.id ?? '';
    expect((await exports.claim(10, LEASE_MS)).map((c) => c.event.id)).toEqual([id]);
    await exports.retryLater(id, 0, '503 injected_fault');
    const again = await exports.claim(10, LEASE_MS);
    expect(again.map((c) => [c.event.id, c.attempts])).toEqual([[id, 2]]);
    await exports.retryLater(id, LEASE_MS, '503 injected_fault');
    expect(await exports.claim(10, LEASE_MS)).toEqual([]);
    expect(await outbox(org)).toEqual([{ event_id: id, state: 'pending', attempts: 2 }]);
  });

  it('gives concurrent claims different entries', async () => {
    const org = newOrganizationId();
    await events.append(Array.from({ length: 8 }, () => adminEvent({ organizationId: org })));
    const [a, b] = await Promise.all([exports.claim(5, LEASE_MS), exports.claim(5, LEASE_MS)]);
    const ids = [...(a ?? []), ...(b ?? [])].map((c) => c.event.id);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
  });

  it('forgets the entries retention deletes', async () => {
    const org = newOrganizationId();
    await events.append([
      adminEvent({ organizationId: org, occurredAt: new Date('2000-01-01T00:00:00Z') }),
    ]);
    expect(await outbox(org)).toHaveLength(1);
    await events.prune(new Date('2001-01-01T00:00:00Z'));
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from audit_exports x
      where not exists (select 1 from audit_events e where e.id = x.event_id)`.execute(database.db);
    expect(Number(rows[0]?.n)).toBe(0);
    expect(await outbox(org)).toEqual([]);
  });
});
