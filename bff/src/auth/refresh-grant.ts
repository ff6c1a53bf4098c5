import type { WorkOS } from '@workos-inc/node';

import type { Sealer } from '../crypto/seal.js';
import type { ClientContext } from '../http/client-context.js';
import type { TokenPair } from '../session/session.types.js';
import { authFromResponse } from './auth-state.js';
import { classifyWorkOSError, type ClassifiedFailure } from './refresh-errors.js';
import type { RefreshedAuth } from './refreshed-auth.js';

/** Caller context passed through to WorkOS. */
export type RefreshContext = ClientContext;

/** What one `refresh_token` grant gave: the rotated session fields, or a classified failure. */
export type GrantResult =
  | { readonly ok: true; readonly auth: RefreshedAuth; readonly accessToken: string }
  | { readonly ok: false; readonly failure: ClassifiedFailure };

/**
 * One `authenticateWithRefreshToken` call with `pair`'s refresh token, for `organizationId` (the
 * session's organization for a refresh, the target one for a switch; none for a session without
 * one). The new pair comes back sealed; `previousSessionId` stands in when the token has no `sid`.
 */
export async function refreshGrant(
  workos: WorkOS,
  sealer: Sealer,
  request: {
    readonly pair: TokenPair;
    readonly organizationId: string | null;
    readonly previousSessionId: string;
    readonly context: RefreshContext;
  },
): Promise<GrantResult> {
  const { pair, organizationId, context } = request;
  try {
    const response = await workos.userManagement.authenticateWithRefreshToken({
      refreshToken: pair.refreshToken,
      ...(organizationId ? { organizationId } : {}),
      ...(context.ipAddress ? { ipAddress: context.ipAddress } : {}),
      ...(context.userAgent ? { userAgent: context.userAgent } : {}),
    });
    const issued = await authFromResponse(sealer, response, request.previousSessionId);
    if (!issued) {
      return {
        ok: false,
        failure: { kind: 'transient', reason: 'malformed_access_token', status: undefined },
      };
    }
    return { ok: true, auth: issued.auth, accessToken: issued.accessToken };
  } catch (err) {
    return { ok: false, failure: classifyWorkOSError(err) };
  }
}
