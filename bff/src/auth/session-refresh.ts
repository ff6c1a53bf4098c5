import type { Request, Response } from 'express';

import type { BffConfig } from '../config/config.schema.js';
import { clientContext } from '../http/client-context.js';
import { sendError } from '../http/errors.js';
import { saveSession, sessionLabel } from '../session/session.helpers.js';
import { answerRefreshFailure } from './refresh-answer.js';
import type { TokenRefresher } from './token-refresher.js';

/**
 * Refreshes the request's session (single-flight, see `TokenRefresher`) and saves the rotated
 * pair into it. Resolves to the new access token; on failure the request is answered (see
 * `refreshFailureAnswer`) and it resolves to undefined. `why` is logged.
 */
export async function refreshSession(
  req: Request,
  res: Response,
  deps: { readonly config: BffConfig; readonly refresher: TokenRefresher },
  why: string,
): Promise<string | undefined> {
  const current = req.session?.auth;
  if (!current) {
    sendError(res, 401, 'session_expired');
    return undefined;
  }
  const outcome = await deps.refresher.refresh(current, clientContext(req), req.sessionID);
  if (!outcome.ok) {
    await answerRefreshFailure(req, res, deps.config, outcome.failure);
    return undefined;
  }
  // The session may have been destroyed (logout) while the refresh ran: never write it back.
  if (!req.session?.auth) {
    sendError(res, 401, 'session_expired');
    return undefined;
  }
  Object.assign(req.session.auth, outcome.auth);
  await saveSession(req);
  req.log[outcome.shared ? 'debug' : 'info'](
    {
      event: outcome.shared ? 'session.refresh_joined' : 'session.refreshed',
      session: sessionLabel(req.sessionID),
      userId: outcome.auth.user.id,
      why,
    },
    'session refreshed',
  );
  return outcome.accessToken;
}
