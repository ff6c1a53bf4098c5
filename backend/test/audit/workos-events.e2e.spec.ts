import { ADA, EXAMPLE_CORP_ID, GLOBEX_ID, GRACE, MAX } from '@gatehouse/workos-emulator';
import pg from 'pg';
import type { AuditStoreConfig } from '../../src/audit/audit.config.js';
import { WorkosEventsPoller } from '../../src/audit/ingestion/workos-events.poller.js';
import { createTestApp, LogCapture, type TestApp } from '../kit/index.js';
import { auditConfig } from './support/audit-test-config.js';
import { storesUnderTest } from './support/stores-under-test.js';
import {
  eventually,
  workosRows,
  WorkosEventsStack,
  type WorkosRow,
} from './support/workos-events-stack.js';

interface Entry {
  organizationId: string | null;
  source: string;
  actor: { id: string | null; email: string | null; impersonator: string | null };
  action: string;
  target: { type: string; id: string; label: string | null } | null;
  outcome: string;
  details: Record<string, unknown>;
  request: { clientIp: string | null; userAgent: string | null };
}

/** Ends the poller's lock connection from the server side. */
async function terminatePollerConnections(config: AuditStoreConfig): Promise<void> {
  if (config.kind !== 'postgres') throw new Error('PostgreSQL only');
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where application_name = 'gatehouse-audit-events-poller' and datname = current_database()`,
    );
    expect(rowCount).toBe(1);
  } finally {
    await client.end();
  }
}

const reader = (organizationId: string) => ({
  org_id: organizationId,
  permissions: ['audit:read'],
});

/** The organization's `workos` entries, oldest first. */
async function workosEntries(t: TestApp, organizationId: string): Promise<Entry[]> {
  const res = await t.as(reader(organizationId)).get('/audit').query({ limit: 200 });
  expect(res.status).toBe(200);
  return (res.body as { events: Entry[] }).events.filter((e) => e.source === 'workos').reverse();
}

const summary = (e: Entry) => `${e.action} ${e.outcome} ${e.actor.id ?? '-'}`;

describe.each(storesUnderTest())('WorkOS events in the audit trail on $name', (store) => {
  let stack: WorkosEventsStack;

  beforeAll(async () => {
    await store.setUp();
    stack = await WorkosEventsStack.start();
  }, 180_000);
  afterAll(async () => {
    await stack?.close();
    await store.tearDown();
  });

  it('records sign-ins, failed sign-ins, sessions and revocations under their organization only', async () => {
    const t = await stack.backend(store.config());
    try {
      const ada = await stack.signIn(ADA.email);
      await stack.failSignIn(MAX.email);
      await stack.signIn(GRACE.email, GLOBEX_ID);
      await stack.workos.userManagement.revokeSession({ sessionId: ada.sessionId });

      const example = await eventually(
        () => workosEntries(t, EXAMPLE_CORP_ID),
        (entries) => entries.length >= 4,
      );
      expect(example.map(summary)).toEqual([
        `user.signed_in succeeded ${ADA.id}`,
        `session.created succeeded ${ADA.id}`,
        `user.signed_in failed ${MAX.id}`,
        `session.revoked succeeded ${ADA.id}`,
      ]);
      const [signedIn, created, failed, revoked] = example;
      expect(signedIn).toMatchObject({
        organizationId: EXAMPLE_CORP_ID,
        actor: { id: ADA.id, email: ADA.email, impersonator: null },
        target: { type: 'user', id: ADA.id, label: ADA.email },
        details: { workosEvent: 'authentication.password_succeeded', method: 'password' },
        request: { clientIp: '127.0.0.1' },
      });
      expect(created?.target).toEqual({ type: 'session', id: ada.sessionId, label: null });
      expect(failed?.details).toMatchObject({
        workosEvent: 'authentication.password_failed',
        error: { code: 'invalid_credentials' },
      });
      expect(revoked).toMatchObject({
        target: { type: 'session', id: ada.sessionId },
        details: { status: 'revoked' },
      });
      // Nothing secret is copied: the tokens of the session are nowhere in the entries.
      const text = JSON.stringify(example);
      expect(text).not.toContain(ada.accessToken);
      expect(text).not.toContain(ada.refreshToken);

      // Grace belongs to both organizations: her session is Globex's; her sign-in names no
      // organization, so neither tenant sees it.
      const globex = await workosEntries(t, GLOBEX_ID);
      expect(globex.map(summary)).toEqual([`session.created succeeded ${GRACE.id}`]);
      expect(example.some((e) => e.actor.id === GRACE.id)).toBe(false);
    } finally {
      await t.close();
    }
    const graceSignIn = (await workosRows(store.config())).filter(
      (row) => row.action === 'user.signed_in' && row.organization_id === null,
    );
    expect(graceSignIn).toHaveLength(1);
  }, 60_000);

  it('records membership changes made in WorkOS, with the role before', async () => {
    const t = await stack.backend(store.config());
    try {
      const [membership] = (
        await stack.workos.userManagement.listOrganizationMemberships({
          userId: MAX.id,
          organizationId: EXAMPLE_CORP_ID,
        })
      ).data;
      if (!membership) throw new Error('Max has no Example Corp membership');
      await stack.workos.userManagement.updateOrganizationMembership(membership.id, {
        roleSlug: 'admin',
      });
      const entries = await eventually(
        () => workosEntries(t, EXAMPLE_CORP_ID),
        (all) => all.some((e) => e.action === 'membership.updated'),
      );
      expect(entries.filter((e) => e.action === 'membership.updated')).toEqual([
        expect.objectContaining({
          target: { type: 'membership', id: membership.id, label: MAX.id },
          outcome: 'succeeded',
          details: {
            workosEvent: 'organization_membership.updated',
            userId: MAX.id,
            status: 'active',
            role: 'admin',
            previous: { role: 'member' },
          },
        }),
      ]);
      expect((await workosEntries(t, GLOBEX_ID)).map((e) => e.action)).not.toContain(
        'membership.updated',
      );
    } finally {
      await t.close();
    }
  }, 60_000);

  it('neither loses nor repeats events across a restart', async () => {
    // Events while no backend runs: the next one reads on from the stored cursor.
    await stack.signIn(MAX.email);
    await stack.failSignIn(ADA.email);
    const t = await stack.backend(store.config());
    const expected = await stack.emulatorEventIds();
    try {
      await eventually(
        () => workosEntries(t, EXAMPLE_CORP_ID),
        (entries) => entries.filter((e) => e.actor.id === MAX.id).length >= 3,
      );
      // Only the new events were read: the stored cursor, not the start of the log.
      expect(t.app.get(WorkosEventsPoller).status()).toMatchObject({
        fetched: 3,
        recorded: 3,
        failures: 0,
      });
    } finally {
      await t.close();
    }
    const rows = await workosRows(store.config());
    expect(rows.map((r) => r.external_id)).toEqual([...expected].sort());
  }, 60_000);

  it('keeps running through a WorkOS outage and reads on afterwards', async () => {
    const logs = new LogCapture();
    stack.emulator.inject({ route: 'GET /events', status: 503, times: 3 });
    const t = await stack.backend(store.config(), logs);
    try {
      const max = await stack.signIn(MAX.email);
      await eventually(
        () => workosEntries(t, EXAMPLE_CORP_ID),
        (entries) => entries.some((e) => e.target?.id === max.sessionId),
      );
      const status = t.app.get(WorkosEventsPoller).status();
      expect(status).toMatchObject({ failures: 3, consecutiveFailures: 0, recorded: 2 });
      const warnings = logs.find('WorkOS events not read');
      expect(warnings.map((w) => (w['error'] as { status?: number }).status)).toEqual([
        503, 503, 503,
      ]);
      expect(logs.text()).not.toContain(stack.emulator.apiKey);
      expect((await t.as(reader(EXAMPLE_CORP_ID)).get('/audit')).status).toBe(200);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('does not poll without WORKOS_API_KEY, nor with AUDIT_EVENTS_POLL_SECONDS=0', async () => {
    const logs = new LogCapture();
    const withoutKey = await createTestApp({
      issuer: stack.issuer,
      audit: auditConfig(store.config(), { events: { pollIntervalMs: 100 } }),
      logs,
    });
    await withoutKey.close();
    const switchedOff = await stack.backend(store.config(), logs, 0);
    const polls = switchedOff.app.get(WorkosEventsPoller).status().polls;
    await switchedOff.close();
    expect(polls).toBe(0);
    expect(logs.find('WorkOS events poller off').map((r) => r['reason'])).toEqual([
      'no WORKOS_API_KEY',
      'AUDIT_EVENTS_POLL_SECONDS is 0',
    ]);
  }, 60_000);

  if (store.name === 'postgres') {
    it('takes its lock again after losing the connection that held it', async () => {
      const logs = new LogCapture();
      const t = await stack.backend(store.config(), logs);
      const poller = t.app.get(WorkosEventsPoller);
      try {
        await eventually(
          () => Promise.resolve(poller.status().leader),
          (leader) => leader,
        );
        // What a PostgreSQL restart or a failover does to the lock's session.
        await terminatePollerConnections(store.config());
        const max = await stack.signIn(MAX.email);
        await eventually(
          () => workosEntries(t, EXAMPLE_CORP_ID),
          (entries) => entries.some((e) => e.target?.id === max.sessionId),
        );
        // Noticed idle ('lost its lock') or by the next poll's check of the connection.
        const noticed = [
          ...logs.find('WorkOS events poller lost its lock'),
          ...logs.find('WorkOS events not read'),
        ];
        expect(noticed).toHaveLength(1);
        expect(poller.status().leader).toBe(true);
      } finally {
        await t.close();
      }
    }, 60_000);

    it('has one poller among backends sharing the database, and another takes over', async () => {
      const before = (await workosRows(store.config())).length;
      const first = await stack.backend(store.config());
      const second = await stack.backend(store.config());
      const pollers = [first, second].map((t) => t.app.get(WorkosEventsPoller));
      try {
        await stack.signIn(ADA.email);
        await stack.signIn(MAX.email);
        await eventually(
          () => Promise.resolve(pollers.reduce((sum, p) => sum + p.status().recorded, 0)),
          (recorded) => recorded >= 4,
        );
        const leaders = pollers.filter((p) => p.status().leader);
        expect(leaders).toHaveLength(1);
        const standby = pollers.find((p) => !p.status().leader);
        expect(standby?.status()).toMatchObject({ pages: 0, recorded: 0 });
        expect(standby?.status().polls).toBeGreaterThan(0);

        // The leader goes away; the other backend takes the lock and records what follows.
        const leaderApp = leaders[0] === pollers[0] ? first : second;
        await leaderApp.close();
        await stack.signIn(GRACE.email, GLOBEX_ID);
        await eventually(
          () => Promise.resolve(standby?.status().recorded ?? 0),
          (recorded) => recorded >= 2,
        );
        expect(standby?.status()).toMatchObject({ leader: true, recorded: 2 });
      } finally {
        await first.close();
        await second.close();
      }
      const rows: WorkosRow[] = await workosRows(store.config());
      expect(rows).toHaveLength(before + 6);
      expect(new Set(rows.map((r) => r.external_id)).size).toBe(rows.length);
      expect(rows.map((r) => r.external_id)).toEqual((await stack.emulatorEventIds()).sort());
    }, 60_000);
  }
});
