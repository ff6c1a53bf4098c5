import type { WorkOS } from '@workos-inc/node';
import express, { type RequestHandler } from 'express';

import type { Clock } from '../clock.js';
import type { BffConfig } from '../config/config.schema.js';
import type { Sealer } from '../crypto/seal.js';
import { sendError } from '../http/errors.js';
import type { BffSessionStore } from '../session/session-store.types.js';
import { callbackRoute } from './callback.route.js';
import type { LoginTransactions } from './login-transaction.js';
import { loginRoute } from './login.route.js';
import { logoutRoute } from './logout.route.js';
import { OrganizationDirectory } from './organization-directory.js';
import { organizationRoute } from './organization.route.js';
import { revokeAllRoute } from './revoke-all.route.js';
import { sessionRoute } from './session.route.js';
import type { TokenRefresher } from './token-refresher.js';

/** Dependencies of {@link createAuthRouter} and its routes. */
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

/**
 * The session-bound `/auth` routes, one file each. Mounted after the session and timeout
 * middleware; the webhook (`webhook.route.ts`) is mounted before them, without a session.
 */
export function createAuthRouter(deps: AuthRouterDeps): express.Router {
  const organizations = new OrganizationDirectory(deps.workos, deps.clock);
  const router = express.Router();
  router.get('/login', ...loginRoute(deps));
  router.get('/callback', ...callbackRoute(deps));
  router.get('/session', ...sessionRoute({ ...deps, organizations }));
  router.post('/logout', ...logoutRoute(deps));
  router.post('/sessions/revoke-all', ...revokeAllRoute(deps));
  router.post('/organization', ...organizationRoute({ ...deps, organizations }));
  router.use((_req, res) => sendError(res, 404, 'not_found'));
  return router;
}
