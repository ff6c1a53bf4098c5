import { sql } from 'kysely';
import type { NewAuditEvent } from '../../src/audit/audit-event.js';
import { AuditDatabase } from '../../src/audit/database/audit-database.js';
import {
  CursorMovedError,
  WorkosEventsRepository,
} from '../../src/audit/ingestion/workos-events.repository.js';
import { adminEvent, newOrganizationId, quiet } from './support/audit-events.js';
import { storesUnderTest } from './support/stores-under-test.js';

const at = (id: string) => ({ eventId: id, createdAt: new Date('2026-03-01T10:00:00.000Z') });

describe.each(storesUnderTest())('the WorkOS events cursor on $name', (store) => {
  let database: AuditDatabase;
  let repository: WorkosEventsRepository;
  const org = newOrganizationId();
  const workosEvent = (externalId: string): NewAuditEvent =>
    adminEvent({ source: 'workos', externalId, organizationId: org, action: 'user.signed_in' });
  const recordedIds = async () => {
    const { rows } = await sql<{ external_id: string }>`
      select external_id from audit_events where organization_id = ${org}
      order by external_id`.execute(database.db);
    return rows.map((r) => r.external_id);
  };

  beforeAll(async () => {
    await store.setUp();
    database = await AuditDatabase.open(store.config(), quiet);
    repository = new WorkosEventsRepository(database);
  }, 180_000);
  afterAll(async () => {
    await database?.close();
    await store.tearDown();
  });

  it('starts empty, then moves with the rows it records', async () => {
    expect(await repository.cursor()).toBeNull();
    await expect(
      repository.record(null, at('event_02'), [workosEvent('event_01'), workosEvent('event_02')]),
    ).resolves.toBe(2);
    expect(await repository.cursor()).toBe('event_02');
    expect(await recordedIds()).toEqual(['event_01', 'event_02']);
  });

  it('refuses a page read from a cursor that has moved since, writing nothing', async () => {
    await expect(
      repository.record(null, at('event_03'), [workosEvent('event_03')]),
    ).rejects.toBeInstanceOf(CursorMovedError);
    expect(await repository.cursor()).toBe('event_02');
    expect(await recordedIds()).toEqual(['event_01', 'event_02']);
  });

  it('skips events recorded before (idempotent inserts)', async () => {
    await expect(
      repository.record('event_02', at('event_04'), [
        workosEvent('event_02'),
        workosEvent('event_03'),
        workosEvent('event_04'),
      ]),
    ).resolves.toBe(2);
    expect(await recordedIds()).toEqual(['event_01', 'event_02', 'event_03', 'event_04']);
  });

  it('leaves the cursor where it was when the rows cannot be written', async () => {
    const broken = { ...workosEvent('event_05'), outcome: 'unknown' } as unknown as NewAuditEvent;
    await expect(repository.record('event_04', at('event_05'), [broken])).rejects.toThrow();
    expect(await repository.cursor()).toBe('event_04');
    expect(await recordedIds()).not.toContain('event_05');
  });
});
