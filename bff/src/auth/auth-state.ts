import type { WorkOS } from '@workos-inc/node';

import type { Sealer } from '../crypto/seal.js';
import type { Impersonator } from '../session/session.types.js';
import { readClaims } from './access-token.claims.js';
import { impersonatorOf } from './impersonator.js';
import { type RefreshedAuth, toSessionUser } from './refreshed-auth.js';

/** What WorkOS answers a code exchange or a refresh with. */
export type AuthenticationResponse = Awaited<
  ReturnType<WorkOS['userManagement']['authenticateWithCode']>
>;

/** The session fields an authentication response sets, and the plain access token to forward. */
export interface IssuedAuth {
  readonly auth: RefreshedAuth;
  readonly impersonator: Impersonator | null;
  readonly accessToken: string;
}

/**
 * The session's auth state from a WorkOS authentication response, for the code exchange and every
 * refresh alike: the token pair sealed, organization and role claims from the access token (the
 * organization the response names wins over the token's `org_id`), the user from the response.
 * `previousSessionId` stands in for a token without `sid` (a refresh keeps its WorkOS session);
 * without it, or when the token has no `exp`, the response is unusable: undefined.
 */
export async function authFromResponse(
  sealer: Sealer,
  response: AuthenticationResponse,
  previousSessionId?: string,
): Promise<IssuedAuth | undefined> {
  const claims = readClaims(response.accessToken);
  const workosSessionId = claims?.sid || previousSessionId;
  if (!claims || claims.expiresAt === undefined || workosSessionId === undefined) return undefined;
  const { accessToken, refreshToken } = response;
  return {
    accessToken,
    impersonator: impersonatorOf(response.impersonator, claims),
    auth: {
      sealedTokens: await sealer.seal({ accessToken, refreshToken }),
      accessExpiresAt: claims.expiresAt,
      organizationId: response.organizationId ?? claims.orgId,
      role: claims.role,
      roles: claims.roles,
      permissions: claims.permissions,
      user: toSessionUser(response.user),
      workosSessionId,
    },
  };
}
