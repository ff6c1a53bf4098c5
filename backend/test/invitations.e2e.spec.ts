import { ADA, EXAMPLE_CORP_ID, MAX } from '@gatehouse/workos-emulator';
import { expectForbidden } from './kit/index.js';
import {
  startAdminStack,
  type AdminStack,
  dataOf,
  STACK_START_TIMEOUT_MS,
} from './support/admin-stack.js';

describe('invitations to the caller’s organization', () => {
  let stack: AdminStack;
  const ada = () => stack.as(ADA, EXAMPLE_CORP_ID);
  const max = () => stack.as(MAX, EXAMPLE_CORP_ID);
  const invite = (email = 'newcomer@example.com', roleSlug = 'member') =>
    ada().post('/invitations').send({ email, roleSlug });
  const stateAtWorkOS = async (id: string) =>
    (await stack.workos.userManagement.getInvitation(id)).state;

  beforeAll(async () => {
    stack = await startAdminStack();
  }, STACK_START_TIMEOUT_MS);
  beforeEach(() => stack.emulator.reset());
  afterAll(() => stack.close());

  it('sends an invitation with a role, naming the caller as inviter, without its token', async () => {
    const res = await invite('newcomer@example.com', 'admin');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^invitation_/),
      email: 'newcomer@example.com',
      state: 'pending',
      roleSlug: 'admin',
      inviterUserId: ADA.id,
      acceptedUserId: null,
      expiresAt: expect.any(String),
      acceptedAt: null,
      revokedAt: null,
      createdAt: expect.any(String),
    });
    const atWorkOS = await stack.workos.userManagement.getInvitation(res.body.id);
    expect(atWorkOS).toMatchObject({ organizationId: EXAMPLE_CORP_ID, roleSlug: 'admin' });
    expect(JSON.stringify(res.body)).not.toContain(atWorkOS.token);
  });

  it('lists invitations (users:read is enough), newest first', async () => {
    const first = await invite('one@example.com');
    const second = await invite('two@example.com');
    const res = await max().get('/invitations');
    expect(res.status).toBe(200);
    expect(dataOf<{ id: string }>(res).map((i) => i.id)).toEqual([second.body.id, first.body.id]);
    expect(res.body.listMetadata).toEqual({ before: null, after: null });
    const paged = await max().get('/invitations?limit=1');
    expect(paged.body.listMetadata.after).toBe(second.body.id);
  });

  it('answers 409 for an email already invited or already a member', async () => {
    await invite('dup@example.com');
    const again = await invite('dup@example.com');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('email_already_invited_to_organization');
    const member = await invite(MAX.email);
    expect(member.status).toBe(409);
    expect(member.body.code).toBe('user_already_organization_member');
  });

  it.each([
    [{ email: 'not-an-email', roleSlug: 'member' }, 'email'],
    [{ roleSlug: 'member' }, 'email'],
    [{ email: 'a@example.com' }, 'roleSlug'],
    [{ email: 'a@example.com', roleSlug: 'member', expiresInDays: 31 }, 'expiresInDays'],
    [{ email: 'a@example.com', roleSlug: 'member', token: 'x' }, 'token'],
  ])('validates %j (400 naming %s)', async (body, field) => {
    const res = await ada().post('/invitations').send(body);
    expect(res.status).toBe(400);
    expect(res.body.fields).toContainEqual(expect.objectContaining({ field }));
  });

  it('accepts only a role of the organization', async () => {
    const res = await invite('a@example.com', 'owner');
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      { field: 'roleSlug', message: 'is not a role of this organization' },
    ]);
  });

  it('resends and revokes a pending invitation', async () => {
    const sent = await invite();
    const resent = await ada().post(`/invitations/${sent.body.id}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ id: sent.body.id, state: 'pending' });
    const revoked = await ada().post(`/invitations/${sent.body.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ state: 'revoked', revokedAt: expect.any(String) });
    expect(await stateAtWorkOS(sent.body.id)).toBe('revoked');
  });

  it('answers 409 invitation_not_pending once it is revoked', async () => {
    const sent = await invite();
    await ada().post(`/invitations/${sent.body.id}/revoke`);
    for (const action of ['resend', 'revoke']) {
      const res = await ada().post(`/invitations/${sent.body.id}/${action}`);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'invitation_not_pending',
        message: expect.any(String),
      });
    }
  });

  it('answers 404 for an unknown invitation and 400 for a malformed id', async () => {
    const unknown = await ada().post('/invitations/invitation_01UNKNOWN0000000000000/resend');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      code: 'not_found',
      message: 'No such invitation in your organization.',
    });
    const malformed = await ada().post('/invitations/..%2Fusers/revoke');
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields).toEqual([{ field: 'invitationId', message: expect.any(String) }]);
  });

  it('needs users:write to send, resend or revoke', async () => {
    const sent = await invite();
    expectForbidden(
      await max().post('/invitations').send({ email: 'b@example.com', roleSlug: 'member' }),
    );
    expectForbidden(await max().post(`/invitations/${sent.body.id}/resend`));
    expectForbidden(await max().post(`/invitations/${sent.body.id}/revoke`));
    expect(await stateAtWorkOS(sent.body.id)).toBe('pending');
  });
});
