import type { Impersonator } from '../session/session.types.js';
import type { AccessTokenClaims } from './access-token.claims.js';

/** Longest impersonation reason kept (WorkOS dashboard free text; it lives in the session). */
const MAX_REASON_LENGTH = 500;

/**
 * Who impersonates the user, from the WorkOS authenticate response's `impersonator`; when a
 * response lacks it but the access token carries `act` (the impersonator's email), that email
 * with no reason. Null for an ordinary sign-in.
 */
export function impersonatorOf(
  fromResponse: { email?: unknown; reason?: unknown } | null | undefined,
  claims: Pick<AccessTokenClaims, 'actor'>,
): Impersonator | null {
  if (fromResponse && typeof fromResponse.email === 'string' && fromResponse.email !== '') {
    const reason =
      typeof fromResponse.reason === 'string' && fromResponse.reason !== ''
        ? fromResponse.reason.slice(0, MAX_REASON_LENGTH)
        : null;
    return { email: fromResponse.email, reason };
  }
  return claims.actor ? { email: claims.actor, reason: null } : null;
}
