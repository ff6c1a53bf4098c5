import type { InvitationRecord } from './invitation.store.js';

/** `pending`, `accepted`, `revoked`, or `expired` (a pending invitation past its expiry). */
export type InvitationState = 'pending' | 'accepted' | 'expired' | 'revoked';

export function invitationState(i: InvitationRecord, now: number): InvitationState {
  return i.state === 'pending' && i.expiresAt <= now ? 'expired' : i.state;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The invitation as `invitation.*` events carry it: production's object without `token` and `accept_invitation_url`. */
export function invitationEventData(i: InvitationRecord, now: number): Record<string, unknown> {
  return {
    object: 'invitation',
    id: i.id,
    email: i.email,
    state: invitationState(i, now),
    accepted_at: iso(i.acceptedAt),
    revoked_at: iso(i.revokedAt),
    expires_at: iso(i.expiresAt),
    organization_id: i.organizationId,
    inviter_user_id: i.inviterUserId,
    accepted_user_id: null,
    role_slug: i.roleSlug,
    created_at: iso(i.createdAt),
    updated_at: iso(i.updatedAt),
  };
}

/**
 * Production's `UserlandUserInvite` (API responses): the event shape plus `token` and `accept_invitation_url`, the
 * emulator's `<url>/invite?invitation_token=<token>` (AuthKit's hosted invite page; the emulator does not serve it).
 */
export function invitationObject(
  i: InvitationRecord,
  now: number,
  baseUrl: string,
): Record<string, unknown> {
  const url = new URL('/invite', baseUrl);
  url.searchParams.set('invitation_token', i.token);
  return { ...invitationEventData(i, now), token: i.token, accept_invitation_url: url.toString() };
}
