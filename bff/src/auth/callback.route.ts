import type { WorkOS } from '@workos-inc/node';
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';

import type { BffConfig } from '../config/config.schema.js';
import { clientContext } from '../http/client-context.js';
import { sendErrorPage } from '../http/errors.js';
import { regenerateSession, saveSession, sessionLabel } from '../session/session.helpers.js';
import type { AuthState } from '../session/session.types.js';
import { type AuthenticationResponse, authFromResponse } from './auth-state.js';
import type { AuthRouterDeps } from './auth.router.js';
import type { LoginTransactions } from './login-transaction.js';
import { classifyWorkOSError } from './refresh-errors.js';
import { returnToLocation } from './return-to.js';

const callbackQuery = z.object({
  code: z
    .string()
    .min(1)
    .max(512)
    .regex(/^[\w.~-]+$/),
  state: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w-]+$/),
});

/** A sign-in that cannot complete: an HTML page (the browser navigated here). */
function signInFailed(res: Response, status: number, detail: string): void {
  sendErrorPage(res, status, 'Sign-in could not be completed', detail);
}

/** `?error=access_denied` (etc.) from WorkOS: back to the signed-out page with the reason. */
function providerError(req: Request, res: Response, transactions: LoginTransactions): void {
  const error = req.query['error'];
  transactions.clear(res);
  const reason = typeof error === 'string' && /^[a-z_]{1,64}$/.test(error) ? error : 'error';
  req.log.info({ event: 'login.provider_error', reason }, 'sign-in returned an error');
  res.set('Cache-Control', 'no-store').redirect(302, `/signed-out?reason=${reason}`);
}

/** The code exchange; on failure answers (502 when WorkOS was unreachable, else 400) and returns undefined. */
async function exchangeCode(
  workos: WorkOS,
  req: Request,
  res: Response,
  grant: { code: string; codeVerifier: string },
): Promise<AuthenticationResponse | undefined> {
  try {
    return await workos.userManagement.authenticateWithCode({ ...grant, ...clientContext(req) });
  } catch (err) {
    const { kind, reason, status } = classifyWorkOSError(err);
    req.log.warn({ event: 'login.exchange_failed', kind, reason, status }, 'code exchange failed');
    if (kind === 'transient') {
      signInFailed(res, 502, 'The sign-in service could not be reached. Please try again.');
    } else {
      signInFailed(res, 400, 'The sign-in code was not accepted. Please sign in again.');
    }
    return undefined;
  }
}

/**
 * Stores `auth` under a NEW session id: whatever id the browser presented before (planted or not)
 * is never reused. A session that cannot be saved (store away or too slow) sends no cookie.
 */
async function startSession(
  req: Request,
  res: Response,
  config: BffConfig,
  auth: AuthState,
): Promise<void> {
  await regenerateSession(req, res, config);
  req.session.auth = auth;
  try {
    await saveSession(req);
  } catch (err) {
    // express-session would still send the new id's cookie with the error page, a cookie for a
    // session that does not exist; dropping the session object keeps it from setting one.
    (req as { session?: unknown }).session = undefined;
    throw err;
  }
  const { user, organizationId } = auth;
  req.log.info(
    {
      event: 'session.created',
      session: sessionLabel(req.sessionID),
      userId: user.id,
      organizationId,
    },
    'session created',
  );
}

/**
 * `GET /auth/callback?code&state`: completes a sign-in. The login transaction must match `state`
 * (single use); the code is exchanged with its PKCE verifier; the session starts under a new id
 * and the browser goes back to where it started, on `PUBLIC_URL`. Never a session otherwise.
 */
export function callbackRoute(deps: AuthRouterDeps): RequestHandler[] {
  const { config, workos, sealer, clock, transactions } = deps;
  const callback: RequestHandler = async (req, res) => {
    if (req.query['error'] !== undefined) return providerError(req, res, transactions);
    const query = callbackQuery.safeParse(req.query);
    if (!query.success) {
      transactions.clear(res);
      return signInFailed(res, 400, 'The sign-in response was malformed. Please sign in again.');
    }
    const tx = await transactions.consume(req, res, query.data.state);
    if (!tx) {
      req.log.warn({ event: 'login.state_rejected' }, 'state mismatch, missing or replayed');
      return signInFailed(
        res,
        400,
        'The sign-in attempt expired or did not start here. Please sign in again.',
      );
    }
    const { code } = query.data;
    const response = await exchangeCode(workos, req, res, { code, codeVerifier: tx.codeVerifier });
    if (!response) return;
    const issued = await authFromResponse(sealer, response);
    if (!issued) {
      req.log.error(
        { event: 'login.bad_token' },
        'WorkOS returned an access token without sid/exp',
      );
      return signInFailed(res, 502, 'The sign-in service answered unexpectedly.');
    }
    const now = clock();
    const { auth, impersonator } = issued;
    await startSession(req, res, config, {
      ...auth,
      impersonator,
      createdAt: now,
      lastSeenAt: now,
    });
    // Absolute, from PUBLIC_URL: whatever the stored path holds, the browser stays on our origin.
    res
      .set('Cache-Control', 'no-store')
      .redirect(302, returnToLocation(config.publicOrigin, tx.returnTo));
  };
  return [callback];
}
