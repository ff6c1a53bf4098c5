import type { WorkOS } from '@workos-inc/node';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';

import type { Clock } from '../clock.js';
import type { BffConfig } from '../config/config.schema.js';
import type { Sealer } from '../crypto/seal.js';
import { sendError, sendErrorPage } from '../http/errors.js';
import { csrfGuard } from '../proxy/request-guards.js';
import { regenerateSession, saveSession, sessionLabel } from '../session/session.helpers.js';
import type { BffSessionStore } from '../session/session-store.types.js';
import type { AuthState, TokenPair } from '../session/session.types.js';
import { readClaims } from './access-token.claims.js';
import type { LoginTransactions } from './login-transaction.js';
import { impersonatorOf } from './impersonator.js';
import { OrganizationDirectory } from './organization-directory.js';
import { createOrganizationRoute } from './organization.route.js';
import { codeChallengeS256 } from './pkce.js';
import { classifyWorkOSError } from './refresh-errors.js';
import { returnToLocation, sanitizeReturnTo } from './return-to.js';
import { type TokenRefresher, toSessionUser } from './token-refresher.js';
import { loadOrganizations, sessionBody } from './session-body.js';
import { createSignOutRouter } from './sign-out.routes.js';

/** Dependencies of {@link createAuthRouter}. */
export interface AuthRouterDeps {
  readonly config: BffConfig;
  readonly workos: WorkOS;
  readonly sealer: Sealer;
  readonly clock: Clock;
  readonly transactions: LoginTransactions;
  readonly refresher: TokenRefresher;
  readonly store: BffSessionStore;
  /** Slides the idle deadline (`recordActivity`); run only once a route's checks passed. */
  readonly activity: RequestHandler;
}

const loginQuery = z.object({
  returnTo: z.unknown().optional(),
  screenHint: z.enum(['sign-in', 'sign-up']).optional(),
  loginHint: z
    .string()
    .trim()
    .min(1)
    .max(254)
    .regex(/^[^\s<>]+$/)
    .optional(),
  organizationId: z
    .string()
    .regex(/^org_[A-Za-z0-9]{1,64}$/)
    .optional(),
});

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

const SIGN_IN_FAILED = 'Sign-in could not be completed';

function clientContext(req: Request) {
  return { ipAddress: req.ip, userAgent: req.get('user-agent')?.slice(0, 512) };
}

/**
 * `/auth/login`, `/auth/callback`, `/auth/session`, and the sign-out routes (`/auth/logout`,
 * `/auth/sessions/revoke-all`, see `sign-out.routes.ts`).
 */
export function createAuthRouter(deps: AuthRouterDeps): express.Router {
  const { config, workos, sealer, clock, transactions, activity } = deps;
  const router = express.Router();
  const organizations = new OrganizationDirectory(workos, clock);

  router.get('/login', async (req: Request, res: Response) => {
    const query = loginQuery.safeParse(req.query);
    if (!query.success) {
      return sendErrorPage(
        res,
        400,
        'Bad sign-in request',
        'The sign-in link has an invalid parameter.',
      );
    }
    const { screenHint, loginHint, organizationId } = query.data;
    const tx = await transactions.begin(res, sanitizeReturnTo(query.data.returnTo));
    const url = workos.userManagement.getAuthorizationUrl({
      provider: 'authkit',
      redirectUri: config.redirectUri,
      state: tx.state,
      codeChallenge: codeChallengeS256(tx.codeVerifier),
      codeChallengeMethod: 'S256',
      ...(screenHint ? { screenHint } : {}),
      ...(loginHint ? { loginHint } : {}),
      ...(organizationId ? { organizationId } : {}),
    });
    res.set('Cache-Control', 'no-store').redirect(302, url);
  });

  router.get('/callback', async (req: Request, res: Response) => {
    const error = req.query['error'];
    if (error !== undefined) {
      transactions.clear(res);
      const reason = typeof error === 'string' && /^[a-z_]{1,64}$/.test(error) ? error : 'error';
      req.log.info({ event: 'login.provider_error', reason }, 'sign-in returned an error');
      return res.set('Cache-Control', 'no-store').redirect(302, `/signed-out?reason=${reason}`);
    }
    const query = callbackQuery.safeParse(req.query);
    if (!query.success) {
      transactions.clear(res);
      return sendErrorPage(
        res,
        400,
        SIGN_IN_FAILED,
        'The sign-in response was malformed. Please sign in again.',
      );
    }
    const tx = await transactions.consume(req, res, query.data.state);
    if (!tx) {
      req.log.warn({ event: 'login.state_rejected' }, 'state mismatch, missing or replayed');
      return sendErrorPage(
        res,
        400,
        SIGN_IN_FAILED,
        'The sign-in attempt expired or did not start here. Please sign in again.',
      );
    }

    let result: Awaited<ReturnType<WorkOS['userManagement']['authenticateWithCode']>>;
    try {
      result = await workos.userManagement.authenticateWithCode({
        code: query.data.code,
        codeVerifier: tx.codeVerifier,
        ...clientContext(req),
      });
    } catch (err) {
      const failure = classifyWorkOSError(err);
      req.log.warn(
        {
          event: 'login.exchange_failed',
          kind: failure.kind,
          reason: failure.reason,
          status: failure.status,
        },
        'code exchange failed',
      );
      return failure.kind === 'transient'
        ? sendErrorPage(
            res,
            502,
            SIGN_IN_FAILED,
            'The sign-in service could not be reached. Please try again.',
          )
        : sendErrorPage(
            res,
            400,
            SIGN_IN_FAILED,
            'The sign-in code was not accepted. Please sign in again.',
          );
    }

    const claims = readClaims(result.accessToken);
    if (!claims?.sid || claims.expiresAt === undefined) {
      req.log.error(
        { event: 'login.bad_token' },
        'WorkOS returned an access token without sid/exp',
      );
      return sendErrorPage(res, 502, SIGN_IN_FAILED, 'The sign-in service answered unexpectedly.');
    }

    // A NEW session id: whatever id the browser presented before (planted or not) is never reused.
    await regenerateSession(req, res, config);
    const now = clock();
    const tokens: TokenPair = {
      accessToken: result.accessToken,
      refreshToken: result.refreshToken,
    };
    const auth: AuthState = {
      user: toSessionUser(result.user),
      workosSessionId: claims.sid,
      organizationId: result.organizationId ?? claims.orgId,
      role: claims.role,
      roles: claims.roles,
      permissions: claims.permissions,
      impersonator: impersonatorOf(result.impersonator, claims),
      sealedTokens: await sealer.seal(tokens),
      accessExpiresAt: claims.expiresAt,
      createdAt: now,
      lastSeenAt: now,
    };
    req.session.auth = auth;
    try {
      await saveSession(req);
    } catch (err) {
      // Not saved (store away or too slow): express-session would still send the new id's cookie
      // with the error page, a cookie for a session that does not exist. Dropping the session
      // object from the request keeps it from setting one.
      (req as { session?: unknown }).session = undefined;
      throw err;
    }
    req.log.info(
      {
        event: 'session.created',
        session: sessionLabel(req.sessionID),
        userId: auth.user.id,
        organizationId: auth.organizationId,
      },
      'session created',
    );
    // Absolute, from PUBLIC_URL: whatever the stored path holds, the browser stays on our origin.
    res
      .set('Cache-Control', 'no-store')
      .redirect(302, returnToLocation(config.publicOrigin, tx.returnTo));
  });

  router.get(
    '/session',
    csrfGuard(config.publicOrigin),
    activity,
    async (req: Request, res: Response) => {
      const auth = req.session?.auth;
      if (!auth)
        return sendError(
          res,
          401,
          res.locals['sessionEnded'] ? 'session_expired' : 'unauthenticated',
        );
      await loadOrganizations(req, organizations);
      res.set('Cache-Control', 'no-store').json(sessionBody(auth, config));
    },
  );

  router.use(createSignOutRouter(deps));
  router.use(createOrganizationRoute({ ...deps, organizations }));

  router.use((_req: Request, res: Response) => sendError(res, 404, 'not_found'));
  return router;
}
