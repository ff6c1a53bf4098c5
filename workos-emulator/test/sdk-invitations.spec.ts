import {
  GenericServerException,
  NotFoundException,
  UnprocessableEntityException,
} from '@workos-inc/node';
import { ADA, EXAMPLE_CORP_ID, GLOBEX_ID, MAX } from '../src/index.js';
import { useSdkEmulator } from './sdk.helpers.js';

const DAY = 24 * 3600 * 1000;

/** Invitations as the admin console sends, lists, resends and revokes them through @workos-inc/node 11. */
describe('invitations through @workos-inc/node 11', () => {
  const t = useSdkEmulator();

  const um = () => t.workos.userManagement;
  const invite = (email: string, extra: Record<string, unknown> = {}) =>
    um().sendInvitation({
      email,
      organizationId: EXAMPLE_CORP_ID,
      inviterUserId: ADA.id,
      roleSlug: 'member',
      ...extra,
    });

  it('sendInvitation creates a pending invitation with a token and an accept URL, valid 7 days by default', async () => {
    const sent = await invite('New.Person@Example.com');
    expect(sent).toMatchObject({
      object: 'invitation',
      email: 'new.person@example.com',
      state: 'pending',
      organizationId: EXAMPLE_CORP_ID,
      inviterUserId: ADA.id,
      roleSlug: 'member',
      acceptedAt: null,
      revokedAt: null,
      acceptedUserId: null,
    });
    expect(sent.id).toMatch(/^invitation_[0-9A-Z]{26}$/);
    expect(sent.token.length).toBeGreaterThanOrEqual(24);
    expect(new URL(sent.acceptInvitationUrl).searchParams.get('invitation_token')).toBe(sent.token);
    expect(Date.parse(sent.expiresAt) - Date.parse(sent.createdAt)).toBe(7 * DAY);
    expect((await invite('later@example.com', { expiresInDays: 30 })).expiresAt).toBe(
      new Date(t.now + 30 * DAY).toISOString(),
    );
  });

  it('listInvitations pages an organization; getInvitation and findInvitationByToken read one', async () => {
    const sent = [];
    for (const n of [1, 2, 3]) sent.push(await invite(`person${n}@example.com`));
    await um().sendInvitation({ email: 'elsewhere@example.com', organizationId: GLOBEX_ID });
    const first = await um().listInvitations({ organizationId: EXAMPLE_CORP_ID, limit: 2 });
    expect(first.data.map((i) => i.email)).toEqual(['person3@example.com', 'person2@example.com']);
    const rest = await um().listInvitations({
      organizationId: EXAMPLE_CORP_ID,
      limit: 2,
      after: first.listMetadata.after ?? '',
    });
    expect(rest.data.map((i) => i.email)).toEqual(['person1@example.com']);
    expect(rest.listMetadata.after).toBeNull();
    expect((await um().listInvitations({ email: 'ELSEWHERE@example.com' })).data).toHaveLength(1);
    expect((await um().getInvitation(sent[0]?.id ?? '')).email).toBe('person1@example.com');
    expect((await um().findInvitationByToken(sent[1]?.token ?? '')).id).toBe(sent[1]?.id);
    await expect(um().getInvitation('invitation_01JNOPE00000000000000000')).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('refuses a second pending invitation, a member, bad validity and unknown roles as production does', async () => {
    await invite('dup@example.com');
    const cases: [Promise<unknown>, string][] = [
      [invite('dup@example.com'), 'email_already_invited_to_organization'],
      [invite(MAX.email), 'user_already_organization_member'],
      [um().sendInvitation({ email: MAX.email }), 'user_already_exists'],
      [invite('short@example.com', { expiresInDays: 0 }), 'expires_in_days_too_short'],
      [invite('long@example.com', { expiresInDays: 31 }), 'expires_in_days_too_long'],
      [invite('role@example.com', { roleSlug: 'owner' }), 'invalid_role'],
    ];
    for (const [call, code] of cases) {
      await expect(call).rejects.toBeInstanceOf(GenericServerException);
      await expect(call).rejects.toMatchObject({ status: 400, code });
    }
    await expect(invite('not-an-email')).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(invite('x@example.com', { locale: 'xx' })).rejects.toBeInstanceOf(
      UnprocessableEntityException,
    );
    await expect(
      invite('x@example.com', { organizationId: 'org_01JNOPE000000000000000000' }),
    ).rejects.toBeInstanceOf(NotFoundException);
    // A member of Example Corp can still be invited to Globex.
    expect((await um().sendInvitation({ email: ADA.email, organizationId: GLOBEX_ID })).state).toBe(
      'pending',
    );
  });

  it('revokeInvitation ends a pending invitation once; resending it is then invite_revoked', async () => {
    const sent = await invite('gone@example.com');
    t.now += 1000;
    const revoked = await um().revokeInvitation(sent.id);
    expect(revoked).toMatchObject({ state: 'revoked', revokedAt: new Date(t.now).toISOString() });
    await expect(um().revokeInvitation(sent.id)).rejects.toMatchObject({
      status: 400,
      code: 'invite_not_pending',
    });
    await expect(um().resendInvitation(sent.id)).rejects.toMatchObject({
      status: 400,
      code: 'invite_revoked',
    });
    // A revoked invitation no longer blocks a new one.
    expect((await invite('gone@example.com')).state).toBe('pending');
  });

  it('resendInvitation keeps the token; an expired invitation is invite_expired and can no longer be revoked', async () => {
    const sent = await invite('slow@example.com', { expiresInDays: 1 });
    t.now += 1000;
    const resent = await um().resendInvitation(sent.id, { locale: 'fr' });
    expect(resent).toMatchObject({
      token: sent.token,
      state: 'pending',
      expiresAt: sent.expiresAt,
    });
    expect(resent.updatedAt).not.toBe(sent.updatedAt);
    // A locale outside production's list (the SDK's type would not allow it either).
    const klingon = { locale: 'klingon' } as unknown as Parameters<
      typeof t.workos.userManagement.resendInvitation
    >[1];
    await expect(um().resendInvitation(sent.id, klingon)).rejects.toBeInstanceOf(
      UnprocessableEntityException,
    );
    t.now += DAY;
    expect((await um().getInvitation(sent.id)).state).toBe('expired');
    await expect(um().resendInvitation(sent.id)).rejects.toMatchObject({
      status: 400,
      code: 'invite_expired',
    });
    await expect(um().revokeInvitation(sent.id)).rejects.toMatchObject({
      code: 'invite_not_pending',
    });
    expect((await invite('slow@example.com')).state).toBe('pending');
  });
});
