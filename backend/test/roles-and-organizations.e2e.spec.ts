import { ADA, EXAMPLE_CORP_ID, GLOBEX_ID, GRACE } from '@gatehouse/workos-emulator';
import {
  startAdminStack,
  type AdminStack,
  dataOf,
  STACK_START_TIMEOUT_MS,
} from './support/admin-stack.js';

describe('GET /roles and GET /me/organizations', () => {
  let stack: AdminStack;

  beforeAll(async () => {
    stack = await startAdminStack();
  }, STACK_START_TIMEOUT_MS);
  beforeEach(() => stack.emulator.reset());
  afterAll(() => stack.close());

  it("lists the organization's roles in priority order, with their permissions", async () => {
    const res = await stack.as(ADA, EXAMPLE_CORP_ID).get('/roles');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: [
        {
          slug: 'admin',
          name: 'Admin',
          description: 'Manages members, invitations and sessions of the organization.',
          permissions: [
            'users:read',
            'users:write',
            'sessions:read',
            'sessions:revoke',
            'audit:read',
          ],
          type: 'environment',
        },
        {
          slug: 'member',
          name: 'Member',
          description: 'Reads the organization directory.',
          permissions: ['users:read'],
          type: 'environment',
        },
      ],
    });
  });

  it('lists my organizations with my role, sorted by name, the token’s one current', async () => {
    const res = await stack.as(GRACE, GLOBEX_ID).get('/me/organizations');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: [
        { id: EXAMPLE_CORP_ID, name: 'Example Corp', role: 'member', current: false },
        { id: GLOBEX_ID, name: 'Globex', role: 'admin', current: true },
      ],
    });
  });

  it('drops an organization once the membership is removed', async () => {
    const graceId = await stack.membershipId(GRACE, EXAMPLE_CORP_ID);
    expect((await stack.as(ADA, EXAMPLE_CORP_ID).delete(`/members/${graceId}`)).status).toBe(204);
    const res = await stack.as(GRACE, GLOBEX_ID).get('/me/organizations');
    expect(dataOf<{ name: string }>(res).map((o) => o.name)).toEqual(['Globex']);
  });
});
