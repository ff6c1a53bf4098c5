import { EXAMPLE_CORP_ID, GLOBEX_ID } from '@gatehouse/workos-emulator';
import { AuditStore } from '../../src/audit/audit-store.js';
import { toWorkosAuditEvent } from '../../src/audit/export/workos-audit-event.mapper.js';
import { AuditTrail } from '../../src/audit/recording/audit-trail.service.js';
import { LogCapture, type TestApp } from '../kit/index.js';
import { MembershipRolesFixture } from './support/audited-action.fixture.js';
import { storesUnderTest } from './support/stores-under-test.js';
import {
  changeRole,
  CREATE_EVENT_ROUTE,
  createEventCalls,
  exportCounts,
  exporterOf,
  exportingBackend,
} from './support/workos-export-stack.js';
import { eventually, WorkosEventsStack } from './support/workos-events-stack.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(storesUnderTest())('export to WorkOS Audit Logs on $name', (store) => {
  let stack: WorkosEventsStack;
  const roles = new MembershipRolesFixture();
  const exported = (organizationId?: string) => stack.emulator.auditLogEvents(organizationId);

  beforeAll(async () => {
    await store.setUp();
    stack = await WorkosEventsStack.start();
  }, 180_000);
  beforeEach(() => {
    stack.emulator.reset();
    roles.fail = false;
  });
  afterAll(async () => {
    await stack?.close();
    await store.tearDown();
  });

  it('sends each finished admin action once, to its organization, keyed by the entry id', async () => {
    const t = await exportingBackend(stack, store.config(), roles);
    try {
      expect((await changeRole(t, EXAMPLE_CORP_ID, 'admin')).status).toBe(200);
      roles.fail = true;
      expect((await changeRole(t, EXAMPLE_CORP_ID, 'owner')).status).toBe(500);
      // Neither a pending entry nor an event read from WorkOS is exported.
      const trail = t.app.get(AuditTrail);
      await trail.begin({
        actor: { id: 'user_ada', email: null, impersonator: null },
        organizationId: EXAMPLE_CORP_ID,
        action: 'member.removed',
        target: { type: 'membership', id: 'om_max' },
        request: { requestId: null, clientIp: null, userAgent: null },
      });
      const { events } = await t.app.get(AuditStore).repositories();
      await events.append([
        {
          occurredAt: new Date(),
          organizationId: EXAMPLE_CORP_ID,
          source: 'workos',
          externalId: 'event_export_test',
          actor: { id: 'user_ada', email: null, impersonator: null },
          action: 'user.signed_in',
          target: null,
          outcome: 'succeeded',
          details: {},
          request: { requestId: null, clientIp: null, userAgent: null },
        },
      ]);

      await eventually(
        () => Promise.resolve(exported().length),
        (n) => n >= 2,
      );
      await pause(300); // several more rounds: nothing else may go out
      expect(createEventCalls(stack)).toBe(2);
      expect(exported(GLOBEX_ID)).toEqual([]);
      // Sent concurrently: WorkOS may receive them in either order.
      const sent = exported(EXAMPLE_CORP_ID).map((e) => e.event);
      const withOutcome = (outcome: string) =>
        sent.find((e) => (e['metadata'] as Record<string, unknown>)['outcome'] === outcome);
      const changed = withOutcome('succeeded');
      const failed = withOutcome('failed');
      expect(changed).toEqual({
        action: 'member.role_changed',
        occurred_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
        actor: {
          id: expect.stringMatching(/./),
          type: 'user',
          name: 'ada@example.com',
          metadata: { email: 'ada@example.com' },
        },
        targets: [{ id: 'om_max', type: 'membership', name: 'max@example.com' }],
        context: { location: '203.0.113.7', user_agent: 'Firefox/140' },
        metadata: {
          gatehouse_event_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          outcome: 'succeeded',
          request_id: expect.stringMatching(/./),
          before: '{"role":"member"}',
          after: '{"role":"admin"}',
        },
      });
      expect(failed?.['metadata']).toMatchObject({
        outcome: 'failed',
        error: '{"message":"WorkOS said no"}',
      });
      expect(exporterOf(t).status()).toMatchObject({ delivered: 2, retried: 0, rejected: 0 });

      // The idempotency key is the entry id: the same event sent again with it adds nothing.
      const id = String((changed?.['metadata'] as Record<string, unknown>)['gatehouse_event_id']);
      const entry = await events.findById(EXAMPLE_CORP_ID, id);
      if (!entry) throw new Error('the exported entry is not in the trail');
      await stack.workos.auditLogs.createEvent(EXAMPLE_CORP_ID, toWorkosAuditEvent(entry), {
        idempotencyKey: id,
      });
      expect(exported()).toHaveLength(2);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('retries through a WorkOS outage and delivers once afterwards', async () => {
    const logs = new LogCapture();
    stack.emulator.inject({ route: CREATE_EVENT_ROUTE, status: 503, times: 3 });
    const t = await exportingBackend(stack, store.config(), roles, { logs });
    try {
      const before = await exportCounts(t);
      expect((await changeRole(t, EXAMPLE_CORP_ID, 'admin')).status).toBe(200);
      await eventually(
        () => Promise.resolve(exporterOf(t).status().delivered),
        (n) => n >= 1,
      );
      expect(exporterOf(t).status()).toMatchObject({ delivered: 1, retried: 3, rejected: 0 });
      expect(createEventCalls(stack)).toBe(4);
      expect(exported(EXAMPLE_CORP_ID)).toHaveLength(1);
      const warnings = logs.find('WorkOS audit event not delivered');
      expect(warnings.map((w) => (w['error'] as { status?: number }).status)).toEqual([
        503, 503, 503,
      ]);
      expect(warnings.map((w) => w['attempts'])).toEqual([1, 2, 3]);
      expect(logs.text()).not.toContain(stack.emulator.apiKey);
      expect(await exportCounts(t)).toEqual({ ...before, delivered: before.delivered + 1 });
    } finally {
      await t.close();
    }
  }, 60_000);

  it('does not deliver twice when a backend stops between sending and the answer', async () => {
    // WorkOS takes the event but answers after the SDK's 2 s deadline: the answer is lost.
    stack.emulator.inject({ route: CREATE_EVENT_ROUTE, delayMs: 3_000 });
    const first = await exportingBackend(stack, store.config(), roles);
    try {
      expect((await changeRole(first, EXAMPLE_CORP_ID, 'admin')).status).toBe(200);
      await eventually(
        () => Promise.resolve(createEventCalls(stack)),
        (n) => n >= 1,
      );
    } finally {
      await first.close(); // waits for the send to time out; the entry stays to be sent
    }
    expect(exporterOf(first).status()).toMatchObject({ delivered: 0, retried: 1 });
    await eventually(
      () => Promise.resolve(exported().length),
      (n) => n >= 1,
    );

    const second = await exportingBackend(stack, store.config(), roles);
    try {
      await eventually(
        () => Promise.resolve(exporterOf(second).status().delivered),
        (n) => n >= 1,
      );
      await pause(300);
      expect(createEventCalls(stack)).toBe(2);
      expect(exported(EXAMPLE_CORP_ID)).toHaveLength(1);
      expect((await exportCounts(second)).pending).toBe(0);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('records an event WorkOS refuses and does not send it again', async () => {
    const logs = new LogCapture();
    const t = await exportingBackend(stack, store.config(), roles, { logs });
    try {
      const before = await exportCounts(t);
      // An organization WorkOS does not know: 404, which no retry can change.
      expect((await changeRole(t, 'org_01UNKNOWNTOWORKOS', 'admin')).status).toBe(200);
      await eventually(
        () => Promise.resolve(exporterOf(t).status().rejected),
        (n) => n >= 1,
      );
      await pause(300);
      expect(createEventCalls(stack)).toBe(1);
      expect(exported()).toEqual([]);
      expect(await exportCounts(t)).toEqual({ ...before, rejected: before.rejected + 1 });
      expect(logs.find('WorkOS audit event rejected')).toEqual([
        expect.objectContaining({
          action: 'member.role_changed',
          error: expect.objectContaining({ status: 404 }),
        }),
      ]);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('is off by default and without an API key; entries wait in the outbox', async () => {
    const logs = new LogCapture();
    const off = await exportingBackend(stack, store.config(), roles, {
      logs,
      exportSettings: null,
    });
    let noKey: TestApp | undefined;
    try {
      noKey = await exportingBackend(stack, store.config(), roles, { logs, apiKey: false });
      const before = await exportCounts(off);
      expect((await changeRole(off, EXAMPLE_CORP_ID, 'admin')).status).toBe(200);
      await pause(300);
      expect(createEventCalls(stack)).toBe(0);
      expect(exporterOf(off).status().running).toBe(false);
      expect(exporterOf(noKey).status().running).toBe(false);
      expect(await exportCounts(off)).toEqual({ ...before, pending: before.pending + 1 });
    } finally {
      await off.close();
      await noKey?.close();
    }
    expect(logs.find('WorkOS audit export off').map((r) => r['reason'])).toEqual([
      'AUDIT_EXPORT_WORKOS is not true',
      'no WORKOS_API_KEY',
    ]);

    // Switched on later, the export sends what waited.
    const on = await exportingBackend(stack, store.config(), roles);
    try {
      await eventually(
        () => Promise.resolve(exported().length),
        (n) => n >= 1,
      );
      expect(exported(EXAMPLE_CORP_ID)).toHaveLength(1);
    } finally {
      await on.close();
    }
  }, 60_000);

  if (store.name === 'postgres') {
    it('has backends sharing the database deliver each entry once', async () => {
      const first = await exportingBackend(stack, store.config(), roles);
      const second = await exportingBackend(stack, store.config(), roles);
      const backends = [first, second];
      try {
        const answers = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            changeRole(backends[i % 2] ?? first, EXAMPLE_CORP_ID, `role${i}`),
          ),
        );
        expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
        const delivered = () =>
          backends.reduce((sum, t) => sum + exporterOf(t).status().delivered, 0);
        await eventually(
          () => Promise.resolve(delivered()),
          (n) => n >= 30,
        );
        await pause(300);
        expect(delivered()).toBe(30);
        expect(backends.reduce((sum, t) => sum + exporterOf(t).status().claimed, 0)).toBe(30);
        expect(createEventCalls(stack)).toBe(30);
        const sent = exported(EXAMPLE_CORP_ID).map((e) => e.event['metadata']);
        expect(new Set(sent.map((m) => JSON.stringify(m))).size).toBe(30);
      } finally {
        await first.close();
        await second.close();
      }
    }, 60_000);
  }
});
