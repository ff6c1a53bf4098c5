import { randomBytes } from 'node:crypto';
import { pruneExpired } from '../../src/audit/audit-retention.js';
import { AuditDatabase } from '../../src/audit/database/audit-database.js';
import { AuditDenialRepository } from '../../src/audit/database/audit-denial.repository.js';
import { AuditEventRepository } from '../../src/audit/database/audit-event.repository.js';
import type { SessionObservation } from '../../src/audit/switches/session-observation.js';
import { SessionOrganizationsRepository } from '../../src/audit/switches/session-organizations.repository.js';
import { newOrganizationId, quiet } from './support/audit-events.js';
import { storesUnderTest } from './support/stores-under-test.js';

const T = 1_780_000_000;

function seen(sessionId: string, organizationId: string, issuedAt: number): SessionObservation {
  return { sessionId, organizationId, userId: 'user_ada', impersonator: null, issuedAt };
}

const newSessionId = () => `session_${randomBytes(6).toString('hex')}`;

describe.each(storesUnderTest())('session organizations on $name', (store) => {
  let database: AuditDatabase;
  let sessions: SessionOrganizationsRepository;
  let events: AuditEventRepository;

  const switchesIn = async (organizationId: string) =>
    (await events.page({ organizationId, action: 'organization.switched' }, { limit: 10 })).events;

  beforeAll(async () => {
    await store.setUp();
    database = await AuditDatabase.open(store.config(), quiet);
    sessions = new SessionOrganizationsRepository(database);
    events = new AuditEventRepository(database);
  }, 180_000);
  afterAll(async () => {
    await database?.close();
    await store.tearDown();
  });

  it('appends a switch only when a known session turns up in another organization', async () => {
    const [a, b] = [newOrganizationId(), newOrganizationId()];
    const sid = newSessionId();
    expect(await sessions.record([[seen(sid, a, T)]])).toBe(0);
    expect(await sessions.record([[seen(sid, a, T + 1)]])).toBe(0);
    expect(await sessions.record([[seen(sid, b, T + 2)]])).toBe(1);
    expect(await sessions.record([[seen(sid, b, T + 2)]])).toBe(0);
    expect(await sessions.record([[seen(sid, a, T + 3)], [seen(sid, b, T + 4)]])).toBe(2);

    expect((await switchesIn(b)).map((e) => e.occurredAt)).toEqual([
      new Date((T + 4) * 1_000),
      new Date((T + 2) * 1_000),
    ]);
    expect((await switchesIn(a)).map((e) => e.occurredAt)).toEqual([new Date((T + 3) * 1_000)]);
  });

  it('lets no older token overwrite a newer one', async () => {
    const [a, b] = [newOrganizationId(), newOrganizationId()];
    const sid = newSessionId();
    await sessions.record([[seen(sid, a, T + 10)]]);
    expect(await sessions.record([[seen(sid, b, T + 5)]])).toBe(0);
    expect(await sessions.record([[seen(sid, b, T + 20)]])).toBe(1);
  });

  it('lets retention forget sessions not seen since its cutoff', async () => {
    const [a, b] = [newOrganizationId(), newOrganizationId()];
    const [old, recent] = [newSessionId(), newSessionId()];
    const longAgo = Date.parse('2001-01-01T00:00:00.000Z') / 1_000;
    await sessions.record([[seen(old, a, longAgo), seen(recent, a, T)]]);

    const denials = new AuditDenialRepository(database);
    const pruned = await pruneExpired(
      { events, denials, sessions },
      Date.parse('2002-01-01T00:00:00.000Z'),
      1,
    );
    expect(pruned.sessions).toBeGreaterThanOrEqual(1);

    // A forgotten session is a first-seen one again; the other still switches.
    expect(await sessions.record([[seen(old, b, T), seen(recent, b, T + 1)]])).toBe(1);
    expect((await switchesIn(b)).map((e) => e.details)).toEqual([{ sessionId: recent }]);
  });

  (store.name === 'postgres' ? it : it.skip)(
    'records one switch when two backends record the same session at once',
    async () => {
      const other = await AuditDatabase.open(store.config(), quiet);
      try {
        const otherSessions = new SessionOrganizationsRepository(other);
        const [a, b] = [newOrganizationId(), newOrganizationId()];
        const [sid, sid2] = [newSessionId(), newSessionId()];
        await sessions.record([[seen(sid, a, T), seen(sid2, a, T)]]);

        // The same token on both, and two successive tokens of the new organization.
        const inserted = await Promise.all([
          sessions.record([[seen(sid, b, T + 1), seen(sid2, b, T + 1)]]),
          otherSessions.record([[seen(sid, b, T + 1), seen(sid2, b, T + 2)]]),
        ]);

        expect(inserted[0] + inserted[1]).toBe(2);
        expect(await switchesIn(b)).toHaveLength(2);
      } finally {
        await other.close();
      }
    },
  );
});
