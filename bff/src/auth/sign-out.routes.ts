import express, { type Request, type Response } from 'express';

import { sendError } from '../http/errors.js';
import { csrfGuard } from '../proxy/request-guards.js';
import { destroySession } from '../session/session.helpers.js';
import { readClaims } from './access-token.claims.js';
import type { AuthRouterDeps } from './auth.router.js';
import { revokeWorkOSSession } from './workos-revoke.js';

/**
 * Storage only: `"cookies"` would wipe every cookie of the registrable domain, those of other apps
 * on sibling subdomains too. The BFF clears its own cookie by name (`destroySession`).
 */
const CLEAR_SITE_DATA = '"storage"';

/** How long a logout answer waits for WorkOS's `revokeSession`; it goes on in the background after. */
const LOGOUT_REVOKE_WAIT_MS = 2000;

/** Resolves when `work` settles or after `ms`, whichever is first (`work` never rejects). */
async function withinWait(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** `POST /auth/logout` and `POST /auth/sessions/revoke-all`. */
export function createSignOutRouter(deps: AuthRouterDeps): express.Router {
  const { config, workos, refresher, store } = deps;
  const router = express.Router();
  const signedOutUrl = `${config.publicOrigin}/signed-out`;

  /**
   * Logout ends the session here and at WorkOS: the BFF session first (so nothing can keep it),
   * then the WorkOS session on the server (`revokeSession`, best effort: a failure is logged, never
   * shown; the answer waits for it at most {@link LOGOUT_REVOKE_WAIT_MS}), and the browser gets the
   * WorkOS logout URL as well, which also clears WorkOS's own cookie on the hosted pages.
   */
  router.post('/logout', csrfGuard(config.publicOrigin), async (req: Request, res: Response) => {
    const auth = req.session?.auth;
    let logoutUrl = signedOutUrl;
    let workosSessionId: string | undefined;
    if (auth) {
      // The sid is read from the stored token WITHOUT verifying it: the SDK's
      // session.getLogoutUrl() verifies first and throws once the token expired (workos-node#1174).
      const pair = await refresher.tokens(auth, { remember: false });
      workosSessionId =
        (pair ? readClaims(pair.accessToken)?.sid : undefined) ?? auth.workosSessionId;
      logoutUrl = workos.userManagement.getLogoutUrl({
        sessionId: workosSessionId,
        returnTo: signedOutUrl,
      });
    }
    await destroySession(req, res, config, 'logout');
    if (workosSessionId !== undefined) {
      await withinWait(
        revokeWorkOSSession(workos, workosSessionId, req.log),
        LOGOUT_REVOKE_WAIT_MS,
      );
    }
    res.set('Clear-Site-Data', CLEAR_SITE_DATA).json({ logoutUrl });
  });

  /**
   * Sign out everywhere: every BFF session of the user (on every instance: they share the store)
   * and every WorkOS session behind them (`revokeSession`, each of which also makes WorkOS send
   * `session.revoked`, harmless since the sessions are already gone). Local sessions end first, so
   * a WorkOS outage cannot leave a BFF session alive; `complete: false` reports WorkOS sessions
   * that could not be revoked (the hosted session then ends at its own expiry or next logout).
   */
  router.post(
    '/sessions/revoke-all',
    csrfGuard(config.publicOrigin),
    async (req: Request, res: Response) => {
      const auth = req.session?.auth;
      if (!auth) {
        return sendError(
          res,
          401,
          res.locals['sessionEnded'] ? 'session_expired' : 'unauthenticated',
        );
      }
      const userId = auth.user.id;
      const workosSessionIds = new Set(await store.workosSessionIdsOf(userId));
      workosSessionIds.add(auth.workosSessionId);
      const ended = await store.destroySessionsOf({ userId }, 'signed_out_everywhere');
      await destroySession(req, res, config, 'signed_out_everywhere');
      let revoked = 0;
      let failed = 0;
      for (const sessionId of workosSessionIds) {
        const outcome = await revokeWorkOSSession(workos, sessionId, req.log);
        if (outcome === 'revoked') revoked += 1;
        if (outcome === 'failed') failed += 1;
      }
      req.log.info(
        {
          event: 'session.signed_out_everywhere',
          userId,
          bffSessions: ended,
          workosSessions: revoked,
          failed,
        },
        'signed out everywhere',
      );
      res.set('Clear-Site-Data', CLEAR_SITE_DATA).json({
        bffSessionsEnded: ended,
        workosSessionsRevoked: revoked,
        complete: failed === 0,
        logoutUrl: signedOutUrl,
      });
    },
  );

  return router;
}
