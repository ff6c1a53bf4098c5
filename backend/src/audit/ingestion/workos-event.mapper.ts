import type { AuthenticationEvent, Event, OrganizationMembership, Session } from '@workos-inc/node';
import type { AuditActor, AuditTarget, NewAuditEvent } from '../audit-event.js';
import { cleanText, ipAddress } from './event-text.js';

/** A sign-in event (`authentication.<method>_succeeded|_failed`). */
export type WorkosAuthenticationEvent = Extract<Event, { data: AuthenticationEvent }>;
type WorkosSessionEvent = Extract<Event, { data: Session }>;
type WorkosMembershipEvent = Extract<Event, { data: OrganizationMembership }>;

export function isAuthenticationEvent(event: Event): event is WorkosAuthenticationEvent {
  return /^authentication\.[a-z_]+_(succeeded|failed)$/.test(event.event);
}

function isSessionEvent(event: Event): event is WorkosSessionEvent {
  return event.event === 'session.created' || event.event === 'session.revoked';
}

function isMembershipEvent(event: Event): event is WorkosMembershipEvent {
  return event.event.startsWith('organization_membership.');
}

/**
 * The organization an event names in its own data: a session's or a membership's
 * `organization_id`, an SSO sign-in's `sso.organization_id`. Null when it names none: sign-ins
 * by password and the other methods, sessions started outside any organization.
 */
export function organizationNamedBy(event: Event): string | null {
  if (isSessionEvent(event)) return event.data.organizationId ?? null;
  if (isMembershipEvent(event)) return event.data.organizationId;
  if (isAuthenticationEvent(event)) return event.data.sso?.organizationId ?? null;
  return null;
}

/** Fields every WorkOS entry shares. */
function base(event: Event, organizationId: string | null) {
  return {
    occurredAt: new Date(event.createdAt),
    organizationId,
    source: 'workos' as const,
    externalId: event.id,
  };
}

/** Who acted according to `context.actor` (WorkOS sets it for API, dashboard and admin changes). */
function contextActor(event: Event): AuditActor {
  const actor = event.context?.['actor'] as { id?: unknown; name?: unknown } | undefined;
  return { id: cleanText(actor?.id, 128), email: null, impersonator: null };
}

function signIn(event: WorkosAuthenticationEvent, organizationId: string | null): NewAuditEvent {
  const d = event.data;
  const failed = event.event.endsWith('_failed');
  const userId = cleanText(d.userId, 128);
  const email = cleanText(d.email, 320);
  const target: AuditTarget | null = userId ? { type: 'user', id: userId, label: email } : null;
  return {
    ...base(event, organizationId),
    actor: { id: userId, email, impersonator: null },
    action: 'user.signed_in',
    target,
    outcome: failed ? 'failed' : 'succeeded',
    details: {
      workosEvent: event.event,
      method: cleanText(d.type, 64),
      ...(d.sso ? { sso: { connectionId: cleanText(d.sso.connectionId, 128) } } : {}),
      ...(d.error
        ? { error: { code: cleanText(d.error.code, 128), message: cleanText(d.error.message) } }
        : {}),
    },
    request: {
      requestId: null,
      clientIp: ipAddress(d.ipAddress),
      userAgent: cleanText(d.userAgent),
    },
  };
}

function session(event: WorkosSessionEvent, organizationId: string | null): NewAuditEvent {
  const d = event.data;
  return {
    ...base(event, organizationId),
    // WorkOS does not say who ended a session; the entry names the session's user.
    actor: { id: d.userId, email: null, impersonator: cleanText(d.impersonator?.email, 320) },
    action: event.event,
    target: { type: 'session', id: d.id, label: null },
    outcome: 'succeeded',
    details: {
      workosEvent: event.event,
      authMethod: cleanText(d.authMethod, 64),
      status: cleanText(d.status, 32),
      expiresAt: d.expiresAt,
      endedAt: d.endedAt,
      ...(d.impersonator ? { impersonationReason: cleanText(d.impersonator.reason) } : {}),
    },
    request: {
      requestId: null,
      clientIp: ipAddress(d.ipAddress),
      userAgent: cleanText(d.userAgent),
    },
  };
}

/** The role and status before an update (`context.previous_attributes`), when WorkOS sends them. */
function previousOf(event: Event): { role?: string | null; status?: string | null } | null {
  const raw = event.context?.['previous_attributes'] as
    { role?: { slug?: unknown }; status?: unknown } | undefined;
  if (typeof raw !== 'object' || raw === null) return null;
  const previous = {
    ...('role' in raw ? { role: cleanText(raw.role?.slug, 128) } : {}),
    ...('status' in raw ? { status: cleanText(raw.status, 32) } : {}),
  };
  return Object.keys(previous).length > 0 ? previous : null;
}

function membership(event: WorkosMembershipEvent, organizationId: string | null): NewAuditEvent {
  const d = event.data;
  const previous = previousOf(event);
  return {
    ...base(event, organizationId),
    actor: contextActor(event),
    action: event.event.replace('organization_membership.', 'membership.'),
    target: { type: 'membership', id: d.id, label: d.userId },
    outcome: 'succeeded',
    details: {
      workosEvent: event.event,
      userId: d.userId,
      status: d.status,
      role: cleanText(d.role?.slug, 128),
      ...(previous ? { previous } : {}),
    },
    request: { requestId: null, clientIp: null, userAgent: null },
  };
}

/**
 * The audit entry of a WorkOS event, recorded under `organizationId` (see
 * {@link organizationNamedBy}); null for a type the poller does not record. Details carry only
 * non-secret fields: WorkOS events hold no tokens, and nothing is copied wholesale.
 */
export function auditEventOf(event: Event, organizationId: string | null): NewAuditEvent | null {
  if (isAuthenticationEvent(event)) return signIn(event, organizationId);
  if (isSessionEvent(event)) return session(event, organizationId);
  if (isMembershipEvent(event)) return membership(event, organizationId);
  return null;
}
