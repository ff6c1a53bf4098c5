import type { SessionRecord } from '../sessions/session.store.js';
import { prefixedId } from '../util/ids.js';

/** Production's webhook event envelope (`object: "event"`, `id`, `event`, `data`, `created_at`). */
export interface WebhookEvent {
  object: 'event';
  id: string;
  event: string;
  data: Record<string, unknown>;
  created_at: string;
}

/**
 * The `session.revoked` event as WorkOS sends it: `data` is the session object (`object`, `id`,
 * `user_id`, `organization_id`, `impersonator`, `ip_address`, `user_agent`, `auth_method`, `status`,
 * `expires_at`, `ended_at`, `created_at`, `updated_at`), which the SDK deserialises with its session
 * serializer. The emulator does not record client IPs or user agents, so those are null.
 */
export function sessionRevokedEvent(session: SessionRecord, endedAt: number): WebhookEvent {
  const iso = (ms: number) => new Date(ms).toISOString();
  const data: Record<string, unknown> = {
    object: 'session',
    id: session.id,
    user_id: session.userId,
    ip_address: null,
    user_agent: null,
    auth_method: authMethod(session.authenticationMethod),
    status: 'revoked',
    expires_at: iso(endedAt), // the emulator has no session lifetime: it ends now
    ended_at: iso(endedAt),
    created_at: iso(session.createdAt),
    updated_at: iso(endedAt),
  };
  if (session.organizationId !== null) data['organization_id'] = session.organizationId;
  if (session.impersonator !== null) data['impersonator'] = session.impersonator;
  return {
    object: 'event',
    id: prefixedId('event', endedAt),
    event: 'session.revoked',
    data,
    created_at: iso(endedAt),
  };
}

/** Session objects spell the method in snake case (`password`, `impersonation`, …). */
function authMethod(method: string): string {
  return method.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
