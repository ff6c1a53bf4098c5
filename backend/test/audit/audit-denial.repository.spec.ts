import { AuditDatabase } from '../../src/audit/database/audit-database.js';
import {
  AuditDenialRepository,
  type DenialCount,
} from '../../src/audit/database/audit-denial.repository.js';
import { newOrganizationId, quiet } from './support/audit-events.js';
import { storesUnderTest } from './support/stores-under-test.js';

const MINUTE = new Date('2026-03-01T10:00:00.000Z');

function denial(overrides: Partial<DenialCount>): DenialCount {
  return {
    minute: MINUTE,
    organizationId: null,
    status: 401,
    code: 'token_expired',
    route: 'GET /admin/me',
    missing: '',
    count: 1,
    ...overrides,
  };
}

describe.each(storesUnderTest())('denial counts on $name', (store) => {
  let database: AuditDatabase;
  let denials: AuditDenialRepository;

  beforeAll(async () => {
    await store.setUp();
    database = await AuditDatabase.open(store.config(), quiet);
    denials = new AuditDenialRepository(database);
  }, 180_000);

  afterAll(async () => {
    await database?.close();
    await store.tearDown();
  });

  it('adds to the row of the same minute, organization, code and route', async () => {
    const org = newOrganizationId();
    const forbidden = {
      organizationId: org,
      status: 403,
      code: 'insufficient_scope',
      route: 'GET /audit',
      missing: 'permission:audit:read',
    } as const;
    await denials.add([denial({ ...forbidden, count: 40 })]);
    await denials.add([
      denial({ ...forbidden, count: 2 }),
      denial({ ...forbidden, route: 'GET /audit/:id', count: 1 }),
    ]);

    expect(await denials.list(org, { limit: 10 })).toEqual([
      denial({ ...forbidden, count: 42 }),
      denial({ ...forbidden, route: 'GET /audit/:id', count: 1 }),
    ]);
  });

  it('keeps counts without an organization apart from every organization', async () => {
    const org = newOrganizationId();
    const minute = new Date('2026-03-02T10:00:00.000Z');
    await denials.add([
      denial({ minute, count: 1_000_000 }),
      denial({ minute, organizationId: org }),
    ]);

    expect((await denials.list(org, { limit: 10 })).map((d) => d.count)).toEqual([1]);
    const unknown = await denials.list(null, { from: minute, limit: 10 });
    expect(unknown).toEqual([denial({ minute, count: 1_000_000 })]);
  });

  it('lets counts only grow, and prunes minutes before the cutoff', async () => {
    const org = newOrganizationId();
    const old = new Date('2001-01-01T00:00:00.000Z');
    await denials.add([
      denial({ organizationId: org, minute: old }),
      denial({ organizationId: org }),
    ]);

    await expect(
      database.db
        .updateTable('audit_denials')
        .set({ count: 0 })
        .where('organization_id', '=', org)
        .execute(),
    ).rejects.toThrow(/only grow/);
    await expect(
      database.db.deleteFrom('audit_denials').where('organization_id', '=', org).execute(),
    ).rejects.toThrow(/retention pruning/);

    expect(await denials.prune(new Date('2001-01-02T00:00:00.000Z'))).toBeGreaterThanOrEqual(1);
    expect((await denials.list(org, { limit: 10 })).map((d) => d.minute)).toEqual([MINUTE]);
  });
});
