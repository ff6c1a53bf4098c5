import type { SessionRecord } from './session.store.js';

/** Production's session object (`GET /user_management/users/:id/sessions`, `session.*` events). */
export interface SessionObject {
  object: 'session';
  id: string;
  user_id: string;
  organization_id?: string;
  impersonator?: { email: string; reason: string | null };
  ip_address: string | null;
  user_agent: string | null;
  auth_method: string;
  status: 'active' | 'expired' | 'revoked';
  expires_at: string;
  ended_at: string | null;
  created_at: string;
  updated_at: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Session objects spell the method in snake case (`password`, `impersonation`, …). */
export function authMethod(method: string): string {
  return method.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * The session as production serialises it at `now`: `organization_id` and `impersonator` only when they apply,
 * `status` `revoked` once ended, `expired` past its maximum length.
 */
export function sessionObject(session: SessionRecord, now: number): SessionObject {
  const status =
    session.endedAt !== null ? 'revoked' : session.expiresAt <= now ? 'expired' : 'active';
  const updatedAt = session.endedAt ?? session.createdAt;
  return {
    object: 'session',
    id: session.id,
    user_id: session.userId,
    ...(session.organizationId === null ? {} : { organization_id: session.organizationId }),
    ...(session.impersonator === null ? {} : { impersonator: { ...session.impersonator } }),
    ip_address: session.ipAddress,
    user_agent: session.userAgent,
    auth_method: authMethod(session.authenticationMethod),
    status,
    expires_at: iso(session.expiresAt),
    ended_at: session.endedAt === null ? null : iso(session.endedAt),
    created_at: iso(session.createdAt),
    updated_at: iso(updatedAt),
  };
}
