import type { NewAuditEvent } from '../audit-event.js';
import type { SessionObservation } from './session-observation.js';

/** `audit_events.source` of entries derived from verified access tokens. */
export const TOKEN_SOURCE = 'token';

/** The action of a session entering an organization it was not in before. */
export const ORGANIZATION_SWITCHED = 'organization.switched';

/**
 * The same for every backend that sees the token, so the unique (source, external_id) index keeps
 * one entry however many record it.
 */
export function switchExternalId(observation: SessionObservation): string {
  return `${observation.sessionId}:${observation.organizationId}:${observation.issuedAt}`;
}

/**
 * The entry of a session that switched into `observation.organizationId`, recorded in that
 * organization. It names neither the organization the session came from nor anything else of
 * it: that belongs to another tenant.
 */
export function organizationSwitchedEvent(observation: SessionObservation): NewAuditEvent {
  return {
    occurredAt: new Date(observation.issuedAt * 1_000),
    organizationId: observation.organizationId,
    source: TOKEN_SOURCE,
    externalId: switchExternalId(observation),
    actor: { id: observation.userId, email: null, impersonator: observation.impersonator },
    action: ORGANIZATION_SWITCHED,
    target: { type: 'organization', id: observation.organizationId, label: null },
    outcome: 'succeeded',
    details: { sessionId: observation.sessionId },
    request: { requestId: null, clientIp: null, userAgent: null },
  };
}
