import { parse } from 'csv-parse/sync';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditStore } from '../../src/audit/audit-store.js';
import { DenialAggregator } from '../../src/audit/recording/denial-aggregator.js';
import {
  createTestApp,
  createTestIssuer,
  expectForbidden,
  expectUnauthorized,
  type TestApp,
  type TestIssuer,
} from '../kit/index.js';
import { adminEvent, eventsOverTime } from './support/audit-events.js';
import { auditConfig } from './support/audit-test-config.js';
import { freshPgliteDir } from './support/pglite-template.js';
import { auditedActionModule, MembershipRolesFixture } from './support/audited-action.fixture.js';

const ORG_A = 'org_01AUDITA';
const ORG_B = 'org_01AUDITB';
const READER = { org_id: ORG_A, permissions: ['audit:read'] };
const T0 = new Date('2026-03-01T10:00:00.000Z');

interface Page {
  events: {
    id: string;
    organizationId: string;
    action: string;
    occurredAt: string;
    outcome: string;
  }[];
  nextCursor: string | null;
}

describe('the audit API on PGlite', () => {
  let issuer: TestIssuer;
  let t: TestApp;
  let bEventId: string;
  const roles = new MembershipRolesFixture();
  const parent = mkdtempSync(join(tmpdir(), 'gatehouse-audit-api-'));

  beforeAll(async () => {
    issuer = await createTestIssuer();
    t = await createTestApp({
      issuer,
      audit: auditConfig({ kind: 'pglite', dataDir: await freshPgliteDir(parent) }),
      imports: [auditedActionModule(roles)],
    });
    const { events } = await t.app.get(AuditStore).repositories();
    await events.append(
      eventsOverTime(7, T0, (i) => ({
        organizationId: ORG_A,
        action: i % 2 === 0 ? 'member.role_changed' : 'member.removed',
        target: {
          type: 'membership',
          id: `om_${i}`,
          label: i === 6 ? '=cmd|calc' : `user${i}@example.com`,
        },
      })),
    );
    const [b] = await events.append([adminEvent({ organizationId: ORG_B, occurredAt: T0 })]);
    bEventId = b!.id;
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await issuer?.close();
    rmSync(parent, { recursive: true, force: true });
  });

  describe('who may read', () => {
    const routes = ['/audit', '/audit/export.csv', '/audit/denials', `/audit/${T0.getTime()}`];

    it.each(routes)('%s needs a token', async (path) => {
      expectUnauthorized(await t.http.get(path), 'token_missing');
    });

    it.each(routes)('%s needs the audit:read permission', async (path) => {
      expectForbidden(
        await t.as({ org_id: ORG_A, role: 'admin', permissions: ['members:manage'] }).get(path),
      );
    });

    it('needs an organization-scoped session', async () => {
      const res = await t.as({ permissions: ['audit:read'], org_id: undefined }).get('/audit');
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'organization_required' });
    });
  });

  it('lists the caller’s organization newest first, a page at a time', async () => {
    const first = await t.as(READER).get('/audit?limit=4');
    expect(first.status).toBe(200);
    const page1 = first.body as Page;
    const page2 = (await t.as(READER).get(`/audit?limit=4&cursor=${page1.nextCursor}`))
      .body as Page;

    const events = [...page1.events, ...page2.events];
    expect(events.map((e) => e.occurredAt)).toEqual(
      [6, 5, 4, 3, 2, 1, 0].map((s) => new Date(T0.getTime() + s * 1_000).toISOString()),
    );
    expect(events.every((e) => e.organizationId === ORG_A)).toBe(true);
    expect(page2.nextCursor).toBeNull();
    expect(first.headers['cache-control']).toBe('no-store');
  });

  it('filters by action, outcome, time range and target text', async () => {
    const query = new URLSearchParams({
      action: 'member.role_changed',
      outcome: 'succeeded',
      from: new Date(T0.getTime() + 1_000).toISOString(),
      to: new Date(T0.getTime() + 6_000).toISOString(),
      target: 'USER',
    });
    const res = await t.as(READER).get(`/audit?${query.toString()}`);
    expect((res.body as Page).events.map((e) => e.occurredAt)).toEqual([
      new Date(T0.getTime() + 4_000).toISOString(),
      new Date(T0.getTime() + 2_000).toISOString(),
    ]);
  });

  it('shows one event, and answers 404 for another organization’s id', async () => {
    const list = (await t.as(READER).get('/audit?limit=1')).body as Page;
    const own = await t.as(READER).get(`/audit/${list.events[0]!.id}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: list.events[0]!.id, organizationId: ORG_A });

    const theirs = await t.as(READER).get(`/audit/${bEventId}`);
    const missing = await t.as(READER).get('/audit/00000000-0000-4000-8000-000000000000');
    const malformed = await t.as(READER).get('/audit/not-an-id');
    for (const res of [theirs, missing, malformed]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual(missing.body);
    }
    expect((await t.as({ ...READER, org_id: ORG_B }).get(`/audit/${bEventId}`)).status).toBe(200);
  });

  it('never lists another organization’s events, whatever the filters', async () => {
    const res = await t.as(READER).get('/audit?actor=user_ada&limit=200');
    expect((res.body as Page).events.map((e) => e.id)).not.toContain(bEventId);
    expect((res.body as Page).events).toHaveLength(7);
  });

  it.each([
    ['limit=0', { limit: ['must be between 1 and 200'] }],
    ['limit=ten', { limit: ['must be a whole number'] }],
    ['outcome=maybe', { outcome: ['must be one of pending, succeeded, failed'] }],
    ['from=yesterday', { from: [expect.stringContaining('ISO 8601')] }],
    ['from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', { to: ['must be later than from'] }],
    ['cursor=abc', { cursor: ['is not a cursor from this API'] }],
    ['action=a&action=b', { action: ['must be given once, as text'] }],
    ['organization=org_01AUDITB', { organization: ['is not a known parameter'] }],
  ])('rejects ?%s with the field errors', async (query, fields) => {
    const res = await t.as(READER).get(`/audit?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'invalid_query',
      message: 'The query parameters are invalid.',
      fields,
    });
  });

  it('exports the filtered range as CSV, with formula cells neutralised', async () => {
    const res = await t.as(READER).get('/audit/export.csv?action=member.role_changed');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="audit-org_01AUDITA.csv"',
    );
    const records = parse<Record<string, string>>(res.text, { columns: true });
    expect(records.map((r) => [r.organization_id, r.target_id, r.target_label])).toEqual([
      [ORG_A, 'om_6', "'=cmd|calc"],
      [ORG_A, 'om_4', 'user4@example.com'],
      [ORG_A, 'om_2', 'user2@example.com'],
      [ORG_A, 'om_0', 'user0@example.com'],
    ]);
  });

  it('validates the export query like the list', async () => {
    const res = await t.as(READER).get('/audit/export.csv?limit=5');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ fields: { limit: ['is not a known parameter'] } });
  });

  describe('an audited admin action', () => {
    const admin = { sub: 'user_ada', org_id: ORG_A, permissions: ['members:manage', 'audit:read'] };

    it('records who did what, from where, before and after, at the top of the list', async () => {
      const res = await t
        .as(admin)
        .post('/fixture/members/om_max/role')
        .set('X-Request-Id', 'req-role-1')
        .set('X-Forwarded-For', '203.0.113.9')
        .set('User-Agent', 'Mozilla/5.0 (audit test)')
        .send({ role: 'admin' });
      expect(res.status).toBe(200);

      const [top] = ((await t.as(admin).get('/audit?limit=1')).body as Page).events;
      expect(top).toMatchObject({
        action: 'member.role_changed',
        outcome: 'succeeded',
        actor: { id: 'user_ada', email: 'ada@example.com', impersonator: null },
        target: { type: 'membership', id: 'om_max', label: 'max@example.com' },
        details: { before: { role: 'member' }, after: { role: 'admin' } },
        request: {
          requestId: 'req-role-1',
          clientIp: '203.0.113.9',
          userAgent: 'Mozilla/5.0 (audit test)',
        },
        completedAt: expect.any(String),
      });
    });

    it('records a failed action with its error', async () => {
      roles.fail = true;
      try {
        expect(
          (await t.as(admin).post('/fixture/members/om_max/role').send({ role: 'owner' })).status,
        ).toBe(500);
      } finally {
        roles.fail = false;
      }
      const [top] = ((await t.as(admin).get('/audit?limit=1')).body as Page).events;
      expect(top).toMatchObject({
        outcome: 'failed',
        details: { before: { role: 'admin' }, error: { message: 'WorkOS said no' } },
      });
    });

    it('gives each of many concurrent actions its own entry (their pending rows are written together)', async () => {
      const members = Array.from({ length: 20 }, (_, i) => `om_concurrent_${i}`);
      const answers = await Promise.all(
        members.map((id) =>
          t.as(admin).post(`/fixture/members/${id}/role`).send({ role: 'admin' }),
        ),
      );
      expect(answers.map((res) => res.status)).toEqual(members.map(() => 200));

      const { events } = (await t.as(admin).get('/audit?target=om_concurrent_&limit=50')).body as {
        events: { id: string; outcome: string; target: { id: string } }[];
      };
      expect(events.map((e) => e.target.id).sort()).toEqual([...members].sort());
      expect(new Set(events.map((e) => e.id)).size).toBe(members.length);
      expect(events.every((e) => e.outcome === 'succeeded')).toBe(true);
    });
  });

  it('counts refusals per organization, code, route and minute', async () => {
    const org = 'org_01AUDITDENIALS';
    const member = { org_id: org, permissions: [] };
    for (let i = 0; i < 5; i++) expectForbidden(await t.as(member).get('/audit'));
    expectForbidden(await t.as(member).get('/audit/denials'));
    const expired = issuer.token({ org_id: org, permissions: ['audit:read'] }, { expiresIn: -60 });
    expectUnauthorized(await t.as(expired).get('/audit'), 'token_expired');
    await t.app.get(DenialAggregator).flush();

    const res = await t.as({ org_id: org, permissions: ['audit:read'] }).get('/audit/denials');
    expect(res.status).toBe(200);
    const { denials } = res.body as {
      denials: { route: string; count: number; status: number; code: string; missing: string }[];
    };
    expect(denials.map((d) => [d.status, d.code, d.route, d.missing, d.count])).toEqual([
      [403, 'insufficient_scope', 'GET /audit', 'permission:audit:read', 5],
      [403, 'insufficient_scope', 'GET /audit/denials', 'permission:audit:read', 1],
    ]);
    // A 401's token was not trusted: its organization claim is not used.
    const { denials: stored } = await t.app.get(AuditStore).repositories();
    expect(await stored.list(null, { limit: 50 })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          status: 401,
          code: 'token_expired',
          route: 'GET /audit',
          count: 1,
        }),
      ]),
    );
  });
});

describe('the audit API without a database', () => {
  let issuer: TestIssuer;
  let t: TestApp;
  const roles = new MembershipRolesFixture();

  beforeAll(async () => {
    issuer = await createTestIssuer();
    t = await createTestApp({ issuer, imports: [auditedActionModule(roles)] });
  });

  afterAll(async () => {
    await t?.close();
    await issuer?.close();
  });

  it('refuses an admin action with 503 before WorkOS is called', async () => {
    const res = await t
      .as({ org_id: ORG_A, permissions: ['members:manage'] })
      .post('/fixture/members/om_max/role')
      .send({ role: 'admin' });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'audit_unavailable',
      message: expect.any(String),
      retryable: true,
    });
    expect(res.headers['retry-after']).toBe('5');
    expect(roles.calls).toEqual([]);
  });

  it('answers reads with 503 too', async () => {
    expect((await t.as(READER).get('/audit')).status).toBe(503);
    expect((await t.as(READER).get('/audit/export.csv')).status).toBe(503);
  });
});
