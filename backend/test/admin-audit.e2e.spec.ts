import { ADA, EXAMPLE_CORP_ID, MAX, SAM } from '@gatehouse/workos-emulator';
import {
  STACK_START_TIMEOUT_MS,
  startAdminStack,
  writeCalls,
  type AdminStack,
} from './support/admin-stack.js';

interface AuditEntry {
  action: string;
  outcome: string;
  organizationId: string;
  actor: { id: string | null; impersonator: string | null };
  target: { type: string; id: string; label: string | null } | null;
  details: Record<string, unknown>;
  request: { requestId: string | null; clientIp: string | null; userAgent: string | null };
  completedAt: string | null;
}

describe('every admin action is recorded in the audit trail', () => {
  let stack: AdminStack;
  const ada = () => stack.as(ADA, EXAMPLE_CORP_ID);
  const entries = async (action: string): Promise<AuditEntry[]> => {
    const res = await ada().get(`/audit?action=${action}`);
    expect(res.status).toBe(200);
    return (res.body as { events: AuditEntry[] }).events;
  };

  beforeAll(async () => {
    stack = await startAdminStack();
  }, STACK_START_TIMEOUT_MS);
  beforeEach(() => stack.emulator.reset());
  afterEach(() => stack.emulator.clearFaults());
  afterAll(() => stack.close());

  it('records a role change with before and after, the actor and the request', async () => {
    const maxId = await stack.membershipId(MAX, EXAMPLE_CORP_ID);
    const res = await ada()
      .patch(`/members/${maxId}`)
      .set('user-agent', 'AuditTest/1.0')
      .set('x-forwarded-for', '203.0.113.7')
      .set('x-request-id', 'req-role-change-1')
      .send({ roleSlug: 'admin' });
    expect(res.status).toBe(200);
    const [entry] = await entries('member.role_changed');
    expect(entry).toMatchObject({
      outcome: 'succeeded',
      organizationId: EXAMPLE_CORP_ID,
      actor: { id: ADA.id, impersonator: null },
      target: { type: 'membership', id: maxId, label: MAX.email },
      details: { before: { roleSlugs: ['member'] }, after: { roleSlugs: ['admin'] } },
      request: {
        requestId: 'req-role-change-1',
        clientIp: '203.0.113.7',
        userAgent: 'AuditTest/1.0',
      },
      completedAt: expect.any(String),
    });
  });

  it('records a WorkOS failure as failed, with our status and code', async () => {
    const maxId = await stack.membershipId(MAX, EXAMPLE_CORP_ID);
    stack.emulator.inject({
      route: 'PUT /user_management/organization_memberships/:id',
      status: 500,
    });
    const res = await ada().patch(`/members/${maxId}`).send({ roleSlug: 'admin' });
    expect(res.status).toBe(503);
    const [entry] = await entries('member.role_changed');
    expect(entry).toMatchObject({
      outcome: 'failed',
      details: {
        before: { roleSlugs: ['member'] },
        error: { status: 503, code: 'workos_unavailable' },
      },
    });
  });

  it('records removals, invitations and session revocations', async () => {
    const maxId = await stack.membershipId(MAX, EXAMPLE_CORP_ID);
    const session = await stack.emulator.issueSession({
      email: MAX.email,
      organizationId: EXAMPLE_CORP_ID,
    });
    expect(
      (await ada().post(`/members/${maxId}/sessions/${session.sessionId}/revoke`)).status,
    ).toBe(204);
    expect((await ada().delete(`/members/${maxId}`)).status).toBe(204);
    const sent = await ada()
      .post('/invitations')
      .send({ email: 'new@example.com', roleSlug: 'member' });
    expect(sent.status).toBe(201);
    expect((await ada().post(`/invitations/${sent.body.id}/resend`)).status).toBe(200);
    expect((await ada().post(`/invitations/${sent.body.id}/revoke`)).status).toBe(200);

    expect(await entries('session.revoked')).toEqual([
      expect.objectContaining({
        outcome: 'succeeded',
        target: { type: 'session', id: session.sessionId, label: null },
        details: {
          before: { status: 'active', userId: MAX.id, membershipId: maxId },
          after: { status: 'revoked' },
        },
      }),
    ]);
    expect(await entries('member.removed')).toEqual([
      expect.objectContaining({
        outcome: 'succeeded',
        target: { type: 'membership', id: maxId, label: MAX.email },
        details: {
          before: { userId: MAX.id, status: 'active', roleSlugs: ['member'] },
          after: { removed: true },
        },
      }),
    ]);
    expect(await entries('invitation.sent')).toEqual([
      expect.objectContaining({
        target: { type: 'email', id: 'new@example.com', label: 'new@example.com' },
        details: {
          after: expect.objectContaining({ invitationId: sent.body.id, state: 'pending' }),
        },
      }),
    ]);
    expect((await entries('invitation.resent'))[0]?.details).toEqual({
      before: { state: 'pending' },
      after: { state: 'pending' },
    });
    expect((await entries('invitation.revoked'))[0]?.details).toEqual({
      before: { state: 'pending' },
      after: { state: 'revoked' },
    });
  });

  it('names the impersonator of an impersonated admin', async () => {
    const maxId = await stack.membershipId(MAX, EXAMPLE_CORP_ID);
    const impersonated = stack.as(ADA, EXAMPLE_CORP_ID, { act: { sub: SAM.email } });
    expect((await impersonated.patch(`/members/${maxId}`).send({ roleSlug: 'admin' })).status).toBe(
      200,
    );
    const [entry] = await entries('member.role_changed');
    expect(entry?.actor).toEqual({ id: ADA.id, email: null, impersonator: SAM.email });
  });

  it('records nothing for a refused request (guard rail, validation, another organization)', async () => {
    const total = async () =>
      ((await ada().get('/audit?limit=100')).body as { events: unknown[] }).events.length;
    const before = await total();
    const adaId = await stack.membershipId(ADA, EXAMPLE_CORP_ID);
    expect((await ada().delete(`/members/${adaId}`)).status).toBe(409);
    expect((await ada().patch(`/members/${adaId}`).send({ roleSlug: 'nope' })).status).toBe(400);
    expect((await ada().delete('/members/om_01UNKNOWN0000000000000000')).status).toBe(404);
    expect(await total()).toBe(before);
  });
});

describe('without a working audit trail, admin actions are refused before WorkOS is called', () => {
  let stack: AdminStack;

  beforeAll(async () => {
    stack = await startAdminStack({
      audit: {
        store: { kind: 'disabled', reason: 'audit database unavailable in this test' },
        migrateOnStart: true,
        retentionDays: 365,
        denials: { flushIntervalMs: 5_000, maxKeys: 100 },
      },
    });
  }, STACK_START_TIMEOUT_MS);
  afterAll(() => stack.close());

  it.each([
    [
      'PATCH /members/:id',
      async (s: AdminStack) =>
        s
          .as(ADA, EXAMPLE_CORP_ID)
          .patch(`/members/${await s.membershipId(MAX, EXAMPLE_CORP_ID)}`)
          .send({ roleSlug: 'admin' }),
    ],
    [
      'DELETE /members/:id',
      async (s: AdminStack) =>
        s.as(ADA, EXAMPLE_CORP_ID).delete(`/members/${await s.membershipId(MAX, EXAMPLE_CORP_ID)}`),
    ],
    [
      'POST /invitations',
      async (s: AdminStack) =>
        s
          .as(ADA, EXAMPLE_CORP_ID)
          .post('/invitations')
          .send({ email: 'x@example.com', roleSlug: 'member' }),
    ],
    [
      'POST /me/sessions/:id/revoke',
      async (s: AdminStack) => {
        const other = await s.emulator.issueSession({
          email: ADA.email,
          organizationId: EXAMPLE_CORP_ID,
        });
        return s.as(ADA, EXAMPLE_CORP_ID).post(`/me/sessions/${other.sessionId}/revoke`);
      },
    ],
  ])('%s answers 503 audit_unavailable and WorkOS sees no write', async (_route, send) => {
    stack.emulator.reset();
    const res = await send(stack);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'audit_unavailable', retryable: true });
    expect(writeCalls(stack.emulator)).toBe(0);
    const max = await stack.workos.userManagement.getOrganizationMembership(
      await stack.membershipId(MAX, EXAMPLE_CORP_ID),
    );
    expect(max.role.slug).toBe('member');
  });

  it('still serves the reads', async () => {
    expect((await stack.as(ADA, EXAMPLE_CORP_ID).get('/members')).status).toBe(200);
  });
});
