import type { Request, RequestHandler } from 'express';

import { csrfGuard } from '../http/request-guards.js';
import { destroySession } from '../session/session.helpers.js';
import { readClaims } from './access-token.claims.js';
import type { AuthRouterDeps } from './auth.router.js';
import { SIGN_OUT_CLEAR_SITE_DATA, signedOutUrl } from './sign-out.js';
import type { TokenRefresher } from './token-refresher.js';
import { revokeWorkOSSession } from './workos-revoke.js';

/** How long a logout answer waits for WorkOS's `revokeSession`; it goes on in the background after. */
const LOGOUT_REVOKE_WAIT_MS = 2000;

/** Resolves when `work` settles or after `ms`, whichever is first (`work` never rejects). */
async function withinWait(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * The WorkOS session id of the request's session: read from the stored access token WITHOUT
 * verifying it (the SDK's `session.getLogoutUrl()` verifies first and throws once the token
 * expired, workos-node#1174), else the one recorded at sign-in.
 */
async function workosSessionOf(req: Request, refresher: TokenRefresher) {
  const auth = req.session?.auth;
  if (!auth) return undefined;
  const pair = await refresher.tokens(auth, { remember: false });
  return (pair ? readClaims(pair.accessToken)?.sid : undefined) ?? auth.workosSessionId;
}

/**
 * `POST /auth/logout`: ends the session here and at WorkOS. The BFF session first (so nothing can
 * keep it), then the WorkOS session on the server (`revokeSession`, best effort: a failure is
 * logged, never shown; the answer waits for it at most {@link LOGOUT_REVOKE_WAIT_MS}), and the
 * browser gets the WorkOS logout URL as well, which also clears WorkOS's own cookie on the hosted
 * pages. Idempotent: without a session the answer is the signed-out page.
 */
export function logoutRoute({ config, workos, refresher }: AuthRouterDeps): RequestHandler[] {
  const signedOut = signedOutUrl(config);
  const logout: RequestHandler = async (req, res) => {
    const workosSessionId = await workosSessionOf(req, refresher);
    const logoutUrl =
      workosSessionId === undefined
        ? signedOut
        : workos.userManagement.getLogoutUrl({ sessionId: workosSessionId, returnTo: signedOut });
    await destroySession(req, res, config, 'logout');
    if (workosSessionId !== undefined) {
      await withinWait(
        revokeWorkOSSession(workos, workosSessionId, req.log),
        LOGOUT_REVOKE_WAIT_MS,
      );
    }
    res.set('Clear-Site-Data', SIGN_OUT_CLEAR_SITE_DATA).json({ logoutUrl });
  };
  return [csrfGuard(config.publicOrigin), logout];
}
