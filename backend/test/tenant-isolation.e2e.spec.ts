import { ADA, EXAMPLE_CORP_ID, GLOBEX_ID, GRACE, MAX } from '@gatehouse/workos-emulator';
import {
  startAdminStack,
  writeCalls,
  type AdminStack,
  dataOf,
  STACK_START_TIMEOUT_MS,
} from './support/admin-stack.js';

/**
 * Grace is the admin of Globex and a plain member of Example Corp. With a Globex token she holds
 * every admin permission, but only for Globex: every Example Corp id must answer exactly like an
 * unknown id, and nothing may change at WorkOS.
 */
describe('tenant isolation: a Globex admin acting on Example Corp ids', () => {
  let stack: AdminStack;
  const graceAtGlobex = () => stack.as(GRACE, GLOBEX_ID);
  const UNKNOWN_MEMBERSHIP = 'om_01UNKNOWN0000000000000000';
  const UNKNOWN_INVITATION = 'invitation_01UNKNOWN0000000000000';
  const UNKNOWN_SESSION = 'session_01UNKNOWN0000000000000000';

  beforeAll(async () => {
    stack = await startAdminStack();
  }, STACK_START_TIMEOUT_MS);
  beforeEach(() => stack.emulator.reset());
  afterAll(() => stack.close());

  /** Asserts a 404 identical to the one an unknown id gets, and that WorkOS saw no write. */
  async function expectSameAsUnknown(
    send: (id: string) => Promise<{ status: number; body: unknown }>,
    foreignId: string,
    unknownId: string,
  ): Promise<void> {
    const writesBefore = writeCalls(stack.emulator);
    const foreign = await send(foreignId);
    const unknown = await send(unknownId);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(unknown.body);
    expect(writeCalls(stack.emulator)).toBe(writesBefore);
  }

  it('lists only Globex members', async () => {
    const res = await graceAtGlobex().get('/members');
    expect(res.status).toBe(200);
    expect(dataOf<{ email: string }>(res).map((m) => m.email)).toEqual([GRACE.email]);
    const search = await graceAtGlobex().get('/members?search=example.com');
    expect(dataOf<{ email: string }>(search).map((m) => m.email)).toEqual([GRACE.email]);
  });

  it('cannot change the role of an Example Corp member (404, role unchanged)', async () => {
    const maxId = await stack.membershipId(MAX, EXAMPLE_CORP_ID);
    await expectSameAsUnknown(
      (id) => graceAtGlobex().patch(`/members/${id}`).send({ roleSlug: 'admin' }),
      maxId,
      UNKNOWN_MEMBERSHIP,
    );
    const membership = await stack.workos.userManagement.getOrganizationMembership(maxId);
    expect(membership.role.slug).toBe('member');
  });

  it('cannot change her own Example Corp membership either', async () => {
    const graceAtExample = await stack.membershipId(GRACE, EXAMPLE_CORP_ID);
    await expectSameAsUnknown(
      (id) => graceAtGlobex().patch(`/members/${id}`).send({ roleSlug: 'admin' }),
      graceAtExample,
      UNKNOWN_MEMBERSHIP,
    );
  });

  it('cannot remove an Example Corp member (404, membership kept)', async () => {
    const adaId = await stack.membershipId(ADA, EXAMPLE_CORP_ID);
    await expectSameAsUnknown(
      (id) => graceAtGlobex().delete(`/members/${id}`),
      adaId,
      UNKNOWN_MEMBERSHIP,
    );
    expect((await stack.workos.userManagement.getOrganizationMembership(adaId)).status).toBe(
      'active',
    );
  });

  it("cannot list or revoke an Example Corp member's sessions", async () => {
    const maxId = await stack.membershipId(MAX, EXAMPLE_CORP_ID);
    const session = await stack.emulator.issueSession({
      email: MAX.email,
      organizationId: EXAMPLE_CORP_ID,
    });
    await expectSameAsUnknown(
      (id) => graceAtGlobex().get(`/members/${id}/sessions`),
      maxId,
      UNKNOWN_MEMBERSHIP,
    );
    await expectSameAsUnknown(
      (id) => graceAtGlobex().post(`/members/${id}/sessions/${session.sessionId}/revoke`),
      maxId,
      UNKNOWN_MEMBERSHIP,
    );
    const sessions = await stack.workos.userManagement.listSessions(MAX.id);
    expect(sessions.data.map((s) => s.id)).toContain(session.sessionId);
  });

  it('cannot revoke her own Example Corp session through her Globex membership', async () => {
    const graceGlobexId = await stack.membershipId(GRACE, GLOBEX_ID);
    const atExample = await stack.emulator.issueSession({
      email: GRACE.email,
      organizationId: EXAMPLE_CORP_ID,
    });
    await expectSameAsUnknown(
      (id) => graceAtGlobex().post(`/members/${graceGlobexId}/sessions/${id}/revoke`),
      atExample.sessionId,
      UNKNOWN_SESSION,
    );
    const listed = await graceAtGlobex().get(`/members/${graceGlobexId}/sessions`);
    expect(dataOf<{ id: string }>(listed).map((s) => s.id)).not.toContain(atExample.sessionId);
  });

  it('cannot resend or revoke an Example Corp invitation (404, still pending)', async () => {
    const sent = await stack
      .as(ADA, EXAMPLE_CORP_ID)
      .post('/invitations')
      .send({ email: 'newcomer@example.com', roleSlug: 'member' });
    expect(sent.status).toBe(201);
    for (const action of ['resend', 'revoke']) {
      await expectSameAsUnknown(
        (id) => graceAtGlobex().post(`/invitations/${id}/${action}`),
        sent.body.id,
        UNKNOWN_INVITATION,
      );
    }
    expect((await stack.workos.userManagement.getInvitation(sent.body.id)).state).toBe('pending');
    const listed = await graceAtGlobex().get('/invitations');
    expect(listed.body.data).toEqual([]);
  });

  it('never takes the organization from the request', async () => {
    const res = await graceAtGlobex().get(`/members?organizationId=${EXAMPLE_CORP_ID}`);
    expect(res.status).toBe(400);
    const body = await graceAtGlobex()
      .post('/invitations')
      .send({ email: 'x@example.com', roleSlug: 'member', organizationId: EXAMPLE_CORP_ID });
    expect(body.status).toBe(400);
    expect(body.body.fields).toEqual([{ field: 'organizationId', message: expect.any(String) }]);
  });

  it('needs an organization in the token (403 organization_required)', async () => {
    const noOrg = stack.t.as(
      stack.issuer.token({ sub: GRACE.id, permissions: ['users:read'] }, { omit: ['org_id'] }),
    );
    const refused = await noOrg.get('/members');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'organization_required' });
  });
});
