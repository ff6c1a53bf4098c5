import { ADA, EXAMPLE_CORP_ID, GLOBEX_ID, GRACE, MAX } from '@gatehouse/workos-emulator';
import type { Caller } from './kit/index.js';
import { startAdminStack, type AdminStack, STACK_START_TIMEOUT_MS } from './support/admin-stack.js';

/** Ids a route of the matrix acts on, created fresh for every row. */
interface Fixture {
  graceMembership: string;
  maxMembership: string;
  maxSession: string;
  invitation: string;
}

interface Row {
  readonly route: string;
  readonly permission: string;
  /** Status for Ada (admin), who holds every permission. */
  readonly admin: number;
  /** Status for Max (member: users:read only). */
  readonly member: number;
  readonly send: (as: Caller, f: Fixture) => Promise<{ status: number }>;
}

const MATRIX: Row[] = [
  {
    route: 'GET /members',
    permission: 'users:read',
    admin: 200,
    member: 200,
    send: (as) => as.get('/members'),
  },
  {
    route: 'PATCH /members/:id',
    permission: 'users:write',
    admin: 200,
    member: 403,
    send: (as, f) => as.patch(`/members/${f.maxMembership}`).send({ roleSlug: 'admin' }),
  },
  {
    route: 'DELETE /members/:id',
    permission: 'users:write',
    admin: 204,
    member: 403,
    send: (as, f) => as.delete(`/members/${f.graceMembership}`),
  },
  {
    route: 'GET /members/:id/sessions',
    permission: 'sessions:read',
    admin: 200,
    member: 403,
    send: (as, f) => as.get(`/members/${f.maxMembership}/sessions`),
  },
  {
    route: 'POST /members/:id/sessions/:sid/revoke',
    permission: 'sessions:revoke',
    admin: 204,
    member: 403,
    send: (as, f) => as.post(`/members/${f.maxMembership}/sessions/${f.maxSession}/revoke`),
  },
  {
    route: 'GET /invitations',
    permission: 'users:read',
    admin: 200,
    member: 200,
    send: (as) => as.get('/invitations'),
  },
  {
    route: 'POST /invitations',
    permission: 'users:write',
    admin: 201,
    member: 403,
    send: (as) => as.post('/invitations').send({ email: 'fresh@example.com', roleSlug: 'member' }),
  },
  {
    route: 'POST /invitations/:id/resend',
    permission: 'users:write',
    admin: 200,
    member: 403,
    send: (as, f) => as.post(`/invitations/${f.invitation}/resend`),
  },
  {
    route: 'POST /invitations/:id/revoke',
    permission: 'users:write',
    admin: 200,
    member: 403,
    send: (as, f) => as.post(`/invitations/${f.invitation}/revoke`),
  },
  {
    route: 'GET /roles',
    permission: 'users:read',
    admin: 200,
    member: 200,
    send: (as) => as.get('/roles'),
  },
  {
    route: 'GET /me/sessions',
    permission: '(signed in)',
    admin: 200,
    member: 200,
    send: (as) => as.get('/me/sessions'),
  },
  {
    route: 'GET /me/organizations',
    permission: '(signed in)',
    admin: 200,
    member: 200,
    send: (as) => as.get('/me/organizations'),
  },
];

describe('permission matrix: member vs admin on every admin route', () => {
  let stack: AdminStack;
  let fixture: Fixture;

  beforeAll(async () => {
    stack = await startAdminStack();
  }, STACK_START_TIMEOUT_MS);
  beforeEach(async () => {
    stack.emulator.reset();
    const invitation = await stack.workos.userManagement.sendInvitation({
      email: 'pending@example.com',
      organizationId: EXAMPLE_CORP_ID,
      roleSlug: 'member',
    });
    fixture = {
      graceMembership: await stack.membershipId(GRACE, EXAMPLE_CORP_ID),
      maxMembership: await stack.membershipId(MAX, EXAMPLE_CORP_ID),
      maxSession: (
        await stack.emulator.issueSession({ email: MAX.email, organizationId: EXAMPLE_CORP_ID })
      ).sessionId,
      invitation: invitation.id,
    };
  });
  afterAll(() => stack.close());

  it.each(MATRIX)('$route ($permission): admin $admin, member $member', async (row) => {
    expect((await row.send(stack.as(MAX, EXAMPLE_CORP_ID), fixture)).status).toBe(row.member);
    expect((await row.send(stack.as(ADA, EXAMPLE_CORP_ID), fixture)).status).toBe(row.admin);
  });

  it('grants by permission, not by role name: a Globex admin token has no say in Example Corp', async () => {
    // Grace is a plain member at Example Corp: her Example Corp token has users:read only.
    const res = await stack.as(GRACE, EXAMPLE_CORP_ID).delete(`/members/${fixture.maxMembership}`);
    expect(res.status).toBe(403);
    // With her Globex token the permission is there, but the id is not Globex's: 404.
    const globex = await stack.as(GRACE, GLOBEX_ID).delete(`/members/${fixture.maxMembership}`);
    expect(globex.status).toBe(404);
  });
});
