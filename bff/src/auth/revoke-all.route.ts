import type { RequestHandler } from 'express';

import { csrfGuard } from '../http/request-guards.js';
import { destroySession } from '../session/session.helpers.js';
import { requireSession } from '../session/session.middleware.js';
import type { AuthRouterDeps } from './auth.router.js';
import { SIGN_OUT_CLEAR_SITE_DATA, signedOutUrl } from './sign-out.js';
import { revokeWorkOSSession } from './workos-revoke.js';

/**
 * `POST /auth/sessions/revoke-all`, sign out everywhere: every BFF session of the user (on every
 * instance: they share the store) and every WorkOS session behind them (`revokeSession`, each of
 * which also makes WorkOS send `session.revoked`, harmless since the sessions are already gone).
 * Local sessions end first, so a WorkOS outage cannot leave a BFF session alive; `complete: false`
 * reports WorkOS sessions that could not be revoked (the hosted session then ends at its own
 * expiry or next logout).
 */
export function revokeAllRoute({ config, workos, store }: AuthRouterDeps): RequestHandler[] {
  const revokeAll: RequestHandler = async (req, res) => {
    const auth = req.session.auth!;
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
    res.set('Clear-Site-Data', SIGN_OUT_CLEAR_SITE_DATA).json({
      bffSessionsEnded: ended,
      workosSessionsRevoked: revoked,
      complete: failed === 0,
      logoutUrl: signedOutUrl(config),
    });
  };
  return [csrfGuard(config.publicOrigin), requireSession, revokeAll];
}
