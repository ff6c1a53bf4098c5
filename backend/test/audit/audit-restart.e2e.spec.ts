import { createTestApp, createTestIssuer, type TestIssuer } from '../kit/index.js';
import { auditConfig } from './support/audit-test-config.js';
import { auditedActionModule, MembershipRolesFixture } from './support/audited-action.fixture.js';
import { storesUnderTest } from './support/stores-under-test.js';

const ADMIN = {
  sub: 'user_ada',
  org_id: 'org_01RESTART',
  permissions: ['members:manage', 'audit:read'],
};

describe.each(storesUnderTest())('a backend restart on $name', (store) => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await createTestIssuer();
    await store.setUp();
  }, 180_000);
  afterAll(async () => {
    await issuer?.close();
    await store.tearDown();
  });

  it('keeps the entries recorded before it', async () => {
    const start = () =>
      createTestApp({
        issuer,
        audit: auditConfig(store.config()),
        imports: [auditedActionModule(new MembershipRolesFixture())],
      });
    const first = await start();
    try {
      const res = await first
        .as(ADMIN)
        .post('/fixture/members/om_max/role')
        .send({ role: 'admin' });
      expect(res.status).toBe(200);
    } finally {
      await first.close();
    }

    const second = await start();
    try {
      const res = await second.as(ADMIN).get('/audit');
      expect(res.status).toBe(200);
      expect((res.body as { events: unknown[] }).events).toEqual([
        expect.objectContaining({
          action: 'member.role_changed',
          outcome: 'succeeded',
          details: { before: { role: 'member' }, after: { role: 'admin' } },
        }),
      ]);
    } finally {
      await second.close();
    }
  }, 90_000);
});
