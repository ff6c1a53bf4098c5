import type { AuthenticatedUser } from '../../auth/index.js';

/** What a fully verified access token says about its session: which organization, since when. */
export interface SessionObservation {
  /** WorkOS session id (`sid`). */
  readonly sessionId: string;
  /** The token's organization (`org_id`). */
  readonly organizationId: string;
  /** The token's user (`sub`). */
  readonly userId: string;
  /** The impersonating admin (`act.sub`), if any. */
  readonly impersonator: string | null;
  /** The token's `iat`, in seconds since the epoch. */
  readonly issuedAt: number;
}

/**
 * The observation a verified token makes, or undefined for one that says nothing about an
 * organization switch: no `org_id` (a session outside any organization), or no usable `iat`
 * (switches are ordered and identified by it).
 */
export function observationOf(user: AuthenticatedUser): SessionObservation | undefined {
  const issuedAt = user.claims['iat'];
  if (user.organizationId === null) return undefined;
  if (typeof issuedAt !== 'number' || !Number.isSafeInteger(issuedAt) || issuedAt <= 0) {
    return undefined;
  }
  return {
    sessionId: user.sessionId,
    organizationId: user.organizationId,
    userId: user.id,
    impersonator: user.impersonator?.subject ?? null,
    issuedAt,
  };
}
