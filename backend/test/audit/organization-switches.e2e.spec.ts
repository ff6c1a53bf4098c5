import { randomBytes } from 'node:crypto';
import { OrganizationSwitchTracker } from '../../src/audit/switches/organization-switch.tracker.js';
import {
  createTestApp,
  createTestIssuer,
  type TestApp,
  type TestClaims,
  type TestIssuer,
} from '../kit/index.js';
import { newOrganizationId } from './support/audit-events.js';
import { auditConfig } from './support/audit-test-config.js';
import { storesUnderTest } from './support/stores-under-test.js';

const USER = 'user_ada';
const nowSeconds = () => Math.floor(Date.now() / 1_000);
const newSessionId = () => `session_${randomBytes(6).toString('hex')}`;

interface Entry {
  source: string;
  action: string;
  organizationId: string;
  actor: unknown;
  target: unknown;
  details: unknown;
  occurredAt: string;
}

/** Requests `GET /admin/me` (any guarded route) with a token of `claims`; expects 200. */
async function use(app: TestApp, token: string): Promise<void> {
  const res = await app.as(token).get('/admin/me');
  expect(res.status).toBe(200);
}

/** The organization's `organization.switched` entries, read as its auditor. */
async function switchesIn(app: TestApp, organizationId: string): Promise<Entry[]> {
  const res = await app
    .as({ sub: 'user_auditor', org_id: organizationId, permissions: ['audit:read'] })
    .get('/audit?action=organization.switched');
  expect(res.status).toBe(200);
  return (res.body as { events: Entry[] }).events;
}

const trackerOf = (app: TestApp) => app.app.get(OrganizationSwitchTracker);

describe.each(storesUnderTest())('organization switches on $name', (store) => {
  let issuer: TestIssuer;
  let app: TestApp;
  const token = (claims: TestClaims) => issuer.token({ sub: USER, ...claims });

  beforeAll(async () => {
    issuer = await createTestIssuer();
    await store.setUp();
    app = await createTestApp({ issuer, audit: auditConfig(store.config()) });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await issuer?.close();
    await store.tearDown();
  });

  it('records a switch once, in the organization switched into only', async () => {
    const [from, into] = [newOrganizationId(), newOrganizationId()];
    const sid = newSessionId();
    const iat = nowSeconds() - 60;
    await use(app, token({ sid, org_id: from, iat }));
    await trackerOf(app).flush();

    const switched = token({
      sid,
      org_id: into,
      iat: iat + 10,
      act: { sub: 'support@example.com' },
    });
    await use(app, switched);
    await use(app, switched);
    await trackerOf(app).flush();

    const entries = await switchesIn(app, into);
    expect(entries).toEqual([
      expect.objectContaining({
        source: 'token',
        action: 'organization.switched',
        organizationId: into,
        actor: { id: USER, email: null, impersonator: 'support@example.com' },
        target: { type: 'organization', id: into, label: null },
        outcome: 'succeeded',
        occurredAt: new Date((iat + 10) * 1_000).toISOString(),
        details: { sessionId: sid },
      }),
    ]);
    // The organization left is another tenant: not named in the new one's entry.
    expect(JSON.stringify(entries)).not.toContain(from);
    expect(await switchesIn(app, from)).toEqual([]);
  });

  it('records a switch whose two tokens arrive between the same two writes', async () => {
    const [from, into] = [newOrganizationId(), newOrganizationId()];
    const sid = newSessionId();
    const iat = nowSeconds() - 60;
    await use(app, token({ sid, org_id: into, iat: iat + 5 }));
    await use(app, token({ sid, org_id: from, iat }));
    await trackerOf(app).flush();

    expect(await switchesIn(app, into)).toHaveLength(1);
    expect(await switchesIn(app, from)).toEqual([]);
  });

  it('records nothing for a session seen for the first time', async () => {
    const organization = newOrganizationId();
    await use(app, token({ sid: newSessionId(), org_id: organization }));
    await trackerOf(app).flush();
    expect(await switchesIn(app, organization)).toEqual([]);
  });

  it('records nothing when an older token of the left organization comes late', async () => {
    const [from, into] = [newOrganizationId(), newOrganizationId()];
    const sid = newSessionId();
    const iat = nowSeconds() - 60;
    await use(app, token({ sid, org_id: from, iat }));
    await trackerOf(app).flush();
    await use(app, token({ sid, org_id: into, iat: iat + 20 }));
    await trackerOf(app).flush();
    await use(app, token({ sid, org_id: from, iat: iat + 10 }));
    await trackerOf(app).flush();

    expect(await switchesIn(app, into)).toHaveLength(1);
    expect(await switchesIn(app, from)).toEqual([]);
  });

  it('does not observe a token answered from the verified-token cache', async () => {
    const cached = token({ sid: newSessionId(), org_id: newOrganizationId() });
    const before = trackerOf(app).stats().observed;
    await use(app, cached);
    expect(trackerOf(app).stats().observed).toBe(before + 1);
    await use(app, cached);
    await use(app, cached);
    expect(trackerOf(app).stats().observed).toBe(before + 1);
  });

  (store.name === 'postgres' ? it : it.skip)(
    'keeps one entry when two backends on one database see the same tokens',
    async () => {
      const second = await createTestApp({ issuer, audit: auditConfig(store.config()) });
      try {
        const [from, into] = [newOrganizationId(), newOrganizationId()];
        const sid = newSessionId();
        const iat = nowSeconds() - 60;
        const before = token({ sid, org_id: from, iat });
        const after = token({ sid, org_id: into, iat: iat + 10 });
        await Promise.all([use(app, before), use(second, before)]);
        await Promise.all([trackerOf(app).flush(), trackerOf(second).flush()]);
        await Promise.all([use(app, after), use(second, after)]);
        await Promise.all([trackerOf(app).flush(), trackerOf(second).flush()]);

        expect(await switchesIn(second, into)).toHaveLength(1);
        expect(await switchesIn(app, into)).toHaveLength(1);
      } finally {
        await second.close();
      }
    },
    60_000,
  );
});
