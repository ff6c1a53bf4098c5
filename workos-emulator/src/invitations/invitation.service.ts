import type { EventRecorder } from '../events/event.recorder.js';
import { ApiError, invalidParameters, notFound } from '../http/errors.js';
import type { Directory } from '../seed/directory.js';
import type { Clock } from '../util/clock.js';
import { type IdFactory, opaqueToken } from '../util/ids.js';
import type { InvitationRecord, InvitationStore } from './invitation.store.js';
import { invitationEventData, invitationState } from './invitation.wire.js';
import { INVITATION_LOCALES } from './locales.js';

/** Collaborators of {@link InvitationService}. */
export interface InvitationServiceDeps {
  directory: Directory;
  store: InvitationStore;
  events: EventRecorder;
  clock: Clock;
  ids: IdFactory;
}

/** What `POST /user_management/invitations` asks for, already type-checked. */
export interface SendInvitationInput {
  email: string;
  organizationId?: string | undefined;
  inviterUserId?: string | undefined;
  roleSlug?: string | undefined;
  expiresInDays?: number | undefined;
  locale?: string | undefined;
}

const DAY_MS = 24 * 3600 * 1000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const bad = (code: string, message: string) => new ApiError(400, code, message);

/**
 * Production's invitation rules: 1–30 days of validity (default 7), one pending invitation per email and
 * organization, no invitation for a member or (without an organization) an existing user, only pending invitations
 * can be revoked or resent. Each change records its `invitation.*` event. The emulator sends no email and does not
 * accept invitations.
 */
export class InvitationService {
  constructor(private readonly deps: InvitationServiceDeps) {}

  get(id: string): InvitationRecord {
    const invitation = this.deps.store.get(id);
    if (invitation === undefined) throw notFound('Invitation', id);
    return invitation;
  }

  send(input: SendInvitationInput): InvitationRecord {
    const { directory, clock } = this.deps;
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email)) throw invalidParameters('email must be a valid email address.');
    this.checkReferences(input);
    const days = input.expiresInDays ?? 7;
    if (days < 1) throw bad('expires_in_days_too_short', 'expires_in_days must be at least 1.');
    if (days > 30) throw bad('expires_in_days_too_long', 'expires_in_days must be at most 30.');
    const now = clock();
    const orgId = input.organizationId ?? null;
    const pending = this.deps.store
      .list({ email })
      .some((i) => i.organizationId === orgId && invitationState(i, now) === 'pending');
    const user = directory.userByEmail(email);
    if (orgId !== null) {
      if (pending)
        throw bad(
          'email_already_invited_to_organization',
          'An invitation to this organization is already pending for this email.',
        );
      if (user !== undefined && directory.roleOf(user.id, orgId) !== undefined) {
        throw bad(
          'user_already_organization_member',
          'The user is already a member of this organization.',
        );
      }
    } else {
      if (pending)
        throw bad('email_already_invited', 'An invitation is already pending for this email.');
      if (user !== undefined)
        throw bad('user_already_exists', 'A user with this email already exists.');
    }
    const invitation: InvitationRecord = {
      id: this.deps.ids.next('invitation', now),
      email,
      organizationId: orgId,
      inviterUserId: input.inviterUserId ?? null,
      roleSlug: input.roleSlug ?? null,
      token: opaqueToken(24),
      state: 'pending',
      acceptedAt: null,
      revokedAt: null,
      expiresAt: now + days * DAY_MS,
      createdAt: now,
      updatedAt: now,
    };
    this.deps.store.insert(invitation);
    this.record('invitation.created', invitation);
    return invitation;
  }

  revoke(id: string): InvitationRecord {
    const invitation = this.get(id);
    if (invitationState(invitation, this.deps.clock()) !== 'pending') {
      throw bad('invite_not_pending', 'Invite is not pending.');
    }
    const now = this.deps.clock();
    const revoked: InvitationRecord = {
      ...invitation,
      state: 'revoked',
      revokedAt: now,
      updatedAt: now,
    };
    this.deps.store.update(revoked);
    this.record('invitation.revoked', revoked);
    return revoked;
  }

  /** Sends the email again (none is sent here): the invitation keeps its token and expiry. */
  resend(id: string, locale: string | undefined): InvitationRecord {
    const invitation = this.get(id);
    checkLocale(locale);
    const state = invitationState(invitation, this.deps.clock());
    if (state === 'expired') throw bad('invite_expired', 'Invite has expired.');
    if (state === 'revoked') throw bad('invite_revoked', 'Invite has been revoked.');
    if (state === 'accepted') throw bad('invite_accepted', 'Invite has already been accepted.');
    const resent: InvitationRecord = { ...invitation, updatedAt: this.deps.clock() };
    this.deps.store.update(resent);
    this.record('invitation.resent', resent);
    return resent;
  }

  private checkReferences(input: SendInvitationInput): void {
    const { directory } = this.deps;
    checkLocale(input.locale);
    if (
      input.organizationId !== undefined &&
      directory.organization(input.organizationId) === undefined
    ) {
      throw notFound('Organization', input.organizationId);
    }
    if (input.inviterUserId !== undefined && directory.user(input.inviterUserId) === undefined) {
      throw notFound('User', input.inviterUserId);
    }
    if (input.roleSlug !== undefined) {
      if (input.organizationId === undefined)
        throw invalidParameters('role_slug requires organization_id.');
      if (directory.role(input.roleSlug) === undefined) {
        throw bad('invalid_role', `Role '${input.roleSlug}' is not a valid role.`);
      }
    }
  }

  private record(type: string, invitation: InvitationRecord): void {
    this.deps.events.record(type, invitationEventData(invitation, this.deps.clock()), {
      organizationId: invitation.organizationId,
    });
  }
}

function checkLocale(locale: string | undefined): void {
  if (locale !== undefined && !INVITATION_LOCALES.has(locale)) {
    throw invalidParameters(`locale "${locale}" is not supported.`);
  }
}
