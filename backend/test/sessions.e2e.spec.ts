import { ADA, EXAMPLE_CORP_ID, GLOBEX_ID, GRACE, MAX, SAM } from '@gatehouse/workos-emulator';
import { expectForbidden } from './kit/index.js';
import { startAdminStack, type AdminStack, STACK_START_TIMEOUT_MS } from './support/admin-stack.js';

interface SessionBody {
  id: string;
  userId: string;
  organizationId: string | null;
  current: boolean;
  impersonatorEmail: string | null;
}
const ids = (body: { data: SessionBody[] }) => body.data.map((s) => s.id).sort();

describe('sessions', () => {
  let stack: AdminStack;
  const live = async (userId: string) =>
    (await stack.workos.userManagement.listSessions(userId)).data.map((s) => s.id).sort();
  const issue = (email: string, organizationId: string) =>
    stack.emulator.issueSession({ email, organizationId });

  beforeAll(async () => {
    stack = await startAdminStack();
  }, STACK_START_TIMEOUT_MS);
  beforeEach(() => stack.emulator.reset());
  afterAll(() => stack.close());

  describe('my sessions (any signed-in user)', () => {
    it('lists my active sessions with the current one (the token sid) marked', async () => {
      const current = await issue(MAX.email, EXAMPLE_CORP_ID);
      const other = await issue(MAX.email, EXAMPLE_CORP_ID);
      const res = await stack
        .as(MAX, EXAMPLE_CORP_ID, { sid: current.sessionId })
        .get('/me/sessions');
      expect(res.status).toBe(200);
      expect(ids(res.body)).toEqual([current.sessionId, other.sessionId].sort());
      const mine = (res.body.data as SessionBody[]).find((s) => s.id === current.sessionId);
      expect(mine).toEqual({
        id: current.sessionId,
        userId: MAX.id,
        organizationId: EXAMPLE_CORP_ID,
        authMethod: 'password',
        ipAddress: null,
        userAgent: null,
        impersonatorEmail: null,
        createdAt: expect.any(String),
        lastActiveAt: expect.any(String),
        expiresAt: expect.any(String),
        current: true,
      });
      expect((res.body.data as SessionBody[]).filter((s) => s.current)).toHaveLength(1);
    });

    it('lists sessions in every organization of the user', async () => {
      const atExample = await issue(GRACE.email, EXAMPLE_CORP_ID);
      const atGlobex = await issue(GRACE.email, GLOBEX_ID);
      const res = await stack.as(GRACE, GLOBEX_ID, { sid: atGlobex.sessionId }).get('/me/sessions');
      expect(ids(res.body)).toEqual([atExample.sessionId, atGlobex.sessionId].sort());
    });

    it('marks an impersonated session with the impersonator', async () => {
      const impersonated = await stack.emulator.issueSession({
        email: MAX.email,
        organizationId: EXAMPLE_CORP_ID,
        impersonator: { email: SAM.email, reason: 'support ticket 42' },
      });
      const res = await stack
        .as(MAX, EXAMPLE_CORP_ID, { sid: impersonated.sessionId, act: { sub: SAM.email } })
        .get('/me/sessions');
      expect(res.body.data).toEqual([
        expect.objectContaining({ impersonatorEmail: SAM.email, authMethod: 'impersonation' }),
      ]);
    });

    it('revokes another of my sessions; it is gone at WorkOS', async () => {
      const current = await issue(MAX.email, EXAMPLE_CORP_ID);
      const other = await issue(MAX.email, EXAMPLE_CORP_ID);
      const res = await stack
        .as(MAX, EXAMPLE_CORP_ID, { sid: current.sessionId })
        .post(`/me/sessions/${other.sessionId}/revoke`);
      expect(res.status).toBe(204);
      expect(await live(MAX.id)).toEqual([current.sessionId]);
    });

    it('refuses to revoke the current session (409 current_session: sign out instead)', async () => {
      const current = await issue(MAX.email, EXAMPLE_CORP_ID);
      const res = await stack
        .as(MAX, EXAMPLE_CORP_ID, { sid: current.sessionId })
        .post(`/me/sessions/${current.sessionId}/revoke`);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'current_session',
        message: expect.stringContaining('sign out'),
      });
      expect(await live(MAX.id)).toEqual([current.sessionId]);
    });

    it("answers 404 for someone else's session and for an unknown one, revoking nothing", async () => {
      const adasSession = await issue(ADA.email, EXAMPLE_CORP_ID);
      const max = stack.as(MAX, EXAMPLE_CORP_ID);
      const foreign = await max.post(`/me/sessions/${adasSession.sessionId}/revoke`);
      const unknown = await max.post('/me/sessions/session_01UNKNOWN0000000000000000/revoke');
      expect(foreign.status).toBe(404);
      expect(foreign.body).toEqual(unknown.body);
      expect(await live(ADA.id)).toEqual([adasSession.sessionId]);
    });

    it('validates the session id (400 on sessionId)', async () => {
      const res = await stack.as(MAX, EXAMPLE_CORP_ID).post('/me/sessions/om_01ABC/revoke');
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual([{ field: 'sessionId', message: expect.any(String) }]);
    });
  });

  describe("a member's sessions (admins)", () => {
    it("lists a member's sessions in this organization only", async () => {
      const graceId = await stack.membershipId(GRACE, EXAMPLE_CORP_ID);
      const atExample = await issue(GRACE.email, EXAMPLE_CORP_ID);
      await issue(GRACE.email, GLOBEX_ID);
      const res = await stack.as(ADA, EXAMPLE_CORP_ID).get(`/members/${graceId}/sessions`);
      expect(res.status).toBe(200);
      expect(ids(res.body)).toEqual([atExample.sessionId]);
      expect(res.body.data[0]).toMatchObject({ userId: GRACE.id, current: false });
    });

    it("revokes a member's session", async () => {
      const maxId = await stack.membershipId(MAX, EXAMPLE_CORP_ID);
      const session = await issue(MAX.email, EXAMPLE_CORP_ID);
      const res = await stack
        .as(ADA, EXAMPLE_CORP_ID)
        .post(`/members/${maxId}/sessions/${session.sessionId}/revoke`);
      expect(res.status).toBe(204);
      expect(await live(MAX.id)).toEqual([]);
    });

    it('answers 404 for a session of another member or another organization', async () => {
      const maxId = await stack.membershipId(MAX, EXAMPLE_CORP_ID);
      const adasSession = await issue(ADA.email, EXAMPLE_CORP_ID);
      const res = await stack
        .as(ADA, EXAMPLE_CORP_ID)
        .post(`/members/${maxId}/sessions/${adasSession.sessionId}/revoke`);
      expect(res.status).toBe(404);
      expect(await live(ADA.id)).toEqual([adasSession.sessionId]);
    });

    it('refuses the admin’s own current session here too (409 current_session)', async () => {
      const adaId = await stack.membershipId(ADA, EXAMPLE_CORP_ID);
      const current = await issue(ADA.email, EXAMPLE_CORP_ID);
      const res = await stack
        .as(ADA, EXAMPLE_CORP_ID, { sid: current.sessionId })
        .post(`/members/${adaId}/sessions/${current.sessionId}/revoke`);
      expect(res.status).toBe(409);
      expect(await live(ADA.id)).toEqual([current.sessionId]);
    });

    it('needs sessions:read to list and sessions:revoke to revoke', async () => {
      const adaId = await stack.membershipId(ADA, EXAMPLE_CORP_ID);
      const session = await issue(ADA.email, EXAMPLE_CORP_ID);
      expectForbidden(await stack.as(MAX, EXAMPLE_CORP_ID).get(`/members/${adaId}/sessions`));
      const readOnly = stack.as(ADA, EXAMPLE_CORP_ID, { permissions: ['sessions:read'] });
      expect((await readOnly.get(`/members/${adaId}/sessions`)).status).toBe(200);
      expectForbidden(
        await readOnly.post(`/members/${adaId}/sessions/${session.sessionId}/revoke`),
      );
      expect(await live(ADA.id)).toEqual([session.sessionId]);
    });
  });
});
