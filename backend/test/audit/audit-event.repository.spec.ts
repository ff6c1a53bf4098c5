import { sql } from 'kysely';
import { finished } from 'node:stream/promises';
import { auditCsvStream } from '../../src/audit/reading/audit-csv.js';
import { AuditDatabase } from '../../src/audit/database/audit-database.js';
import { AuditDenialRepository } from '../../src/audit/database/audit-denial.repository.js';
import { AuditEventRepository } from '../../src/audit/database/audit-event.repository.js';
import { DAY_MS, pruneExpired } from '../../src/audit/audit-retention.js';
import type { AuditEvent, AuditEventFilter } from '../../src/audit/audit-event.js';
import { AuditEntryNotPendingError } from '../../src/audit/audit-unavailable.error.js';
import { adminEvent, eventsOverTime, newOrganizationId, quiet } from './support/audit-events.js';
import { storesUnderTest } from './support/stores-under-test.js';

const T0 = new Date('2026-03-01T00:00:00.000Z');

describe.each(storesUnderTest())('audit events on $name', (store) => {
  let database: AuditDatabase;
  let events: AuditEventRepository;

  beforeAll(async () => {
    await store.setUp();
    database = await AuditDatabase.open(store.config(), quiet);
    events = new AuditEventRepository(database);
  }, 180_000);

  afterAll(async () => {
    await database?.close();
    await store.tearDown();
  });

  /** Every page of `filter` with `limit`, in order. */
  async function allPages(filter: AuditEventFilter, limit: number): Promise<AuditEvent[][]> {
    const pages: AuditEvent[][] = [];
    let after = null;
    do {
      const page = await events.page(filter, { limit, after });
      pages.push([...page.events]);
      after = page.next;
    } while (after !== null);
    return pages;
  }

  it('appends an event and reads every field back', async () => {
    const org = newOrganizationId();
    const [recorded] = await events.append([
      adminEvent({
        organizationId: org,
        actor: { id: 'user_ada', email: 'ada@example.com', impersonator: 'boss@example.com' },
      }),
    ]);
    expect(recorded?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await events.findById(org, recorded!.id)).toEqual({
      ...adminEvent({ organizationId: org }),
      actor: { id: 'user_ada', email: 'ada@example.com', impersonator: 'boss@example.com' },
      id: recorded!.id,
      externalId: null,
      completedAt: null,
    });
  });

  it('never returns another organization’s event by id', async () => {
    const [theirs] = await events.append([adminEvent({ organizationId: newOrganizationId() })]);
    expect(await events.findById(newOrganizationId(), theirs!.id)).toBeUndefined();
  });

  it('lists newest first and filters by actor, action, outcome and time range', async () => {
    const org = newOrganizationId();
    await events.append(
      eventsOverTime(6, T0, (i) => ({
        organizationId: org,
        actor: { id: i % 2 === 0 ? 'user_ada' : 'user_grace', email: null, impersonator: null },
        action: i < 3 ? 'member.role_changed' : 'member.removed',
        outcome: i === 5 ? 'failed' : 'succeeded',
      })),
    );
    const seconds = async (filter: Omit<AuditEventFilter, 'organizationId'>) =>
      (await events.page({ organizationId: org, ...filter }, { limit: 50 })).events.map(
        (e) => (e.occurredAt.getTime() - T0.getTime()) / 1_000,
      );

    expect(await seconds({})).toEqual([5, 4, 3, 2, 1, 0]);
    expect(await seconds({ actorId: 'user_grace' })).toEqual([5, 3, 1]);
    expect(await seconds({ action: 'member.removed' })).toEqual([5, 4, 3]);
    expect(await seconds({ outcome: 'failed' })).toEqual([5]);
    expect(
      await seconds({ from: new Date(T0.getTime() + 1_000), to: new Date(T0.getTime() + 4_000) }),
    ).toEqual([3, 2, 1]);
    expect(await seconds({ actorId: 'user_ada', action: 'member.role_changed' })).toEqual([2, 0]);
  });

  it('finds free text in the target id or label, case-insensitively, with % and _ taken literally', async () => {
    const org = newOrganizationId();
    const target = (id: string, label: string | null) => ({ type: 'membership', id, label });
    await events.append(
      eventsOverTime(4, T0, (i) => ({
        organizationId: org,
        target: [
          target('om_max', 'Max@Example.com'),
          target('om_grace', 'grace@example.com'),
          target('inv_100%_off', null),
          target('om_a_b', 'axb'),
        ][i],
      })),
    );
    const ids = async (text: string) =>
      (await events.page({ organizationId: org, target: text }, { limit: 50 })).events.map(
        (e) => e.target?.id,
      );

    expect(await ids('max@EXAMPLE')).toEqual(['om_max']);
    expect(await ids('om_g')).toEqual(['om_grace']);
    expect(await ids('100%')).toEqual(['inv_100%_off']);
    expect(await ids('a_b')).toEqual(['om_a_b']);
    expect(await ids('%')).toEqual(['inv_100%_off']);
    expect(await ids('nobody')).toEqual([]);
  });

  it('pages with a cursor newest first, stable across events that share a timestamp', async () => {
    const org = newOrganizationId();
    const sameInstant = new Date(T0.getTime() + 60_000);
    await events.append([
      ...eventsOverTime(5, T0, () => ({ organizationId: org })),
      ...Array.from({ length: 17 }, () =>
        adminEvent({ organizationId: org, occurredAt: sameInstant }),
      ),
      ...eventsOverTime(5, new Date(T0.getTime() + 120_000), () => ({ organizationId: org })),
    ]);
    const all = (await events.page({ organizationId: org }, { limit: 100 })).events;
    const pages = await allPages({ organizationId: org }, 4);

    expect(all).toHaveLength(27);
    expect(pages.flat().map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(new Set(all.map((e) => e.id)).size).toBe(27);
    expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 4, 4, 4, 3]);
    const times = all.map((e) => e.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('answers an exactly full last page without a next cursor', async () => {
    const org = newOrganizationId();
    await events.append(eventsOverTime(4, T0, () => ({ organizationId: org })));
    const page = await events.page({ organizationId: org }, { limit: 4 });
    expect(page.events).toHaveLength(4);
    expect(page.next).toBeNull();
  });

  it('keeps tenants apart: one organization’s pages never include another’s events', async () => {
    const orgA = newOrganizationId();
    const orgB = newOrganizationId();
    await events.append([
      ...eventsOverTime(3, T0, () => ({ organizationId: orgA })),
      ...eventsOverTime(3, T0, () => ({
        organizationId: orgB,
        actor: { id: 'user_ada', email: null, impersonator: null },
      })),
    ]);
    const pages = await allPages({ organizationId: orgA, actorId: 'user_ada' }, 2);
    expect(pages.flat()).toHaveLength(3);
    expect(pages.flat().every((e) => e.organizationId === orgA)).toBe(true);
  });

  it('completes a pending entry once, merging the outcome details', async () => {
    const org = newOrganizationId();
    const [pending] = await events.append([
      adminEvent({
        organizationId: org,
        outcome: 'pending',
        details: { before: { role: 'member' } },
      }),
    ]);
    const completedAt = new Date(T0.getTime() + 5_000);

    const done = await events.complete(pending!.id, {
      outcome: 'succeeded',
      details: { after: { role: 'admin' } },
      completedAt,
    });

    expect(done).toMatchObject({
      outcome: 'succeeded',
      completedAt,
      details: { before: { role: 'member' }, after: { role: 'admin' } },
    });
    await expect(
      events.complete(pending!.id, { outcome: 'failed', details: {}, completedAt }),
    ).rejects.toBeInstanceOf(AuditEntryNotPendingError);
    await expect(
      events.complete('00000000-0000-4000-8000-000000000000', {
        outcome: 'failed',
        details: {},
        completedAt,
      }),
    ).rejects.toBeInstanceOf(AuditEntryNotPendingError);
  });

  describe('the database itself refuses other changes', () => {
    it('rejects an UPDATE other than completing a pending entry', async () => {
      const [pending, done] = await events.append([
        adminEvent({ organizationId: newOrganizationId(), outcome: 'pending' }),
        adminEvent({ organizationId: newOrganizationId(), outcome: 'succeeded' }),
      ]);
      const db = database.db;
      await expect(
        db
          .updateTable('audit_events')
          .set({ action: 'member.invited' })
          .where('id', '=', done!.id)
          .execute(),
      ).rejects.toThrow(/append-only/);
      await expect(
        db
          .updateTable('audit_events')
          .set({ outcome: 'failed' })
          .where('id', '=', done!.id)
          .execute(),
      ).rejects.toThrow(/append-only/);
      await expect(
        db
          .updateTable('audit_events')
          .set({ outcome: 'succeeded', actor_id: 'user_mallory' })
          .where('id', '=', pending!.id)
          .execute(),
      ).rejects.toThrow(/append-only/);
    });

    it('rejects DELETE and TRUNCATE outside retention pruning', async () => {
      const [event] = await events.append([adminEvent({ organizationId: newOrganizationId() })]);
      await expect(
        database.db.deleteFrom('audit_events').where('id', '=', event!.id).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(sql`truncate audit_events`.execute(database.db)).rejects.toThrow(/append-only/);
      expect(await events.findById(event!.organizationId!, event!.id)).toBeDefined();
    });
  });

  it('prunes only events older than the cutoff', async () => {
    const org = newOrganizationId();
    const old = new Date('2001-01-01T00:00:00.000Z');
    await events.append([
      ...eventsOverTime(3, old, () => ({ organizationId: org })),
      ...eventsOverTime(2, T0, () => ({ organizationId: org })),
    ]);

    const deleted = await events.prune(new Date('2001-01-02T00:00:00.000Z'));

    expect(deleted).toBeGreaterThanOrEqual(3);
    const left = (await events.page({ organizationId: org }, { limit: 10 })).events;
    expect(left.map((e) => e.occurredAt)).toEqual([new Date(T0.getTime() + 1_000), T0]);
  });

  it('retention prunes events and denial counts older than the retention period', async () => {
    const org = newOrganizationId();
    const now = Date.parse('2026-06-30T12:00:00.000Z');
    const daysAgo = (days: number) => new Date(now - days * DAY_MS);
    await events.append(
      [400, 366, 364, 1].map((days) =>
        adminEvent({ organizationId: org, occurredAt: daysAgo(days) }),
      ),
    );
    const denials = new AuditDenialRepository(database);
    const denial = {
      organizationId: org,
      status: 401,
      code: 'token_expired',
      route: 'GET /a',
      missing: '',
      count: 3,
    } as const;
    await denials.add([
      { ...denial, minute: daysAgo(366) },
      { ...denial, minute: daysAgo(2) },
    ]);

    const result = await pruneExpired({ events, denials }, now, 365);

    expect(result.cutoff).toEqual(daysAgo(365));
    const left = (await events.page({ organizationId: org }, { limit: 10 })).events;
    expect(left.map((e) => e.occurredAt)).toEqual([daysAgo(1), daysAgo(364)]);
    expect((await denials.list(org, { limit: 10 })).map((d) => d.minute)).toEqual([daysAgo(2)]);
  });

  describe('a large range (20,000 events)', () => {
    const org = newOrganizationId();
    const size = 20_000;

    beforeAll(async () => {
      await events.append(eventsOverTime(size, T0, () => ({ organizationId: org })));
    }, 120_000);

    /** The repository's batches, counting how many were fetched. */
    function countedBatches(batchSize: number) {
      const counter = { fetched: 0 };
      const source = events.batches({ organizationId: org }, batchSize);
      async function* counted(): AsyncGenerator<AuditEvent[]> {
        for await (const batch of source) {
          counter.fetched += 1;
          yield batch;
        }
      }
      return { counter, batches: counted() };
    }

    it('is read in batches of the requested size, newest first', async () => {
      const sizes: number[] = [];
      let previous = Number.POSITIVE_INFINITY;
      let ordered = true;
      for await (const batch of events.batches({ organizationId: org }, 1_000)) {
        sizes.push(batch.length);
        for (const event of batch) {
          ordered &&= event.occurredAt.getTime() < previous;
          previous = event.occurredAt.getTime();
        }
      }
      expect(sizes).toEqual(Array.from({ length: 20 }, () => 1_000));
      expect(ordered).toBe(true);
    }, 60_000);

    it('streams as CSV fetching a batch only when the reader has taken the previous ones', async () => {
      const { counter, batches } = countedBatches(500);
      const csv = auditCsvStream(batches);

      const firstChunk = await new Promise<Buffer>((resolve) => csv.once('data', resolve));
      csv.pause();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const fetchedWhilePaused = counter.fetched;
      let lines = firstChunk.toString('utf8').split('\n').length - 1;
      csv.on('data', (chunk: Buffer) => {
        lines += chunk.toString('utf8').split('\n').length - 1;
      });
      await finished(csv.resume());

      // A paused reader holds back the database: a few batches buffered, never the 40 of the range.
      expect(fetchedWhilePaused).toBeLessThanOrEqual(3);
      expect(counter.fetched).toBe(size / 500);
      expect(lines).toBe(size + 1);
    }, 60_000);
  });

  it('keeps what was recorded across a restart', async () => {
    const org = newOrganizationId();
    const own = store.sibling();
    await own.setUp();
    const first = await AuditDatabase.open(own.config(), quiet);
    const [kept] = await new AuditEventRepository(first).append([
      adminEvent({ organizationId: org }),
    ]);
    const [pending] = await new AuditEventRepository(first).append([
      adminEvent({ organizationId: org, outcome: 'pending' }),
    ]);
    await first.close();

    const second = await AuditDatabase.open(own.config(), quiet);
    try {
      const reopened = new AuditEventRepository(second);
      expect(await reopened.findById(org, kept!.id)).toMatchObject({
        id: kept!.id,
        outcome: 'succeeded',
      });
      await reopened.complete(pending!.id, {
        outcome: 'failed',
        details: { error: 'x' },
        completedAt: T0,
      });
      expect((await reopened.page({ organizationId: org }, { limit: 10 })).events).toHaveLength(2);
    } finally {
      await second.close();
      await own.tearDown();
    }
  }, 60_000);
});

describe('pruning on PGlite, which runs no autovacuum', () => {
  const store = storesUnderTest().find((candidate) => candidate.name === 'pglite')!;
  let database: AuditDatabase;

  beforeAll(async () => {
    await store.setUp();
    database = await AuditDatabase.open(store.config(), quiet);
  }, 180_000);
  afterAll(async () => {
    await database?.close();
    await store.tearDown();
  });

  it('vacuums and analyzes the table afterwards: the planner knows its rows', async () => {
    const events = new AuditEventRepository(database);
    await events.append(eventsOverTime(5, T0, () => ({ organizationId: newOrganizationId() })));
    await events.prune(new Date('2001-01-02T00:00:00.000Z'));

    const { rows } = await sql<{ reltuples: number; live: string }>`
      select reltuples, (select count(*) from audit_events) as live
      from pg_class where relname = 'audit_events'`.execute(database.db);
    expect(rows[0]?.reltuples).toBe(Number(rows[0]?.live));
  });
});
