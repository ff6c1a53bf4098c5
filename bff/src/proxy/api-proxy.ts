import type { Agent } from 'node:http';

import express, { type RequestHandler } from 'express';

import { refreshSession } from '../auth/session-refresh.js';
import type { TokenRefresher } from '../auth/token-refresher.js';
import type { BffConfig } from '../config/config.schema.js';
import { sendError } from '../http/errors.js';
import { csrfGuard, rejectFormContentTypes } from '../http/request-guards.js';
import { destroySession } from '../session/session.helpers.js';
import { saveSlidActivity } from '../session/session-loader.js';
import { requireSession } from '../session/session.middleware.js';
import { apiRouteCheck, declaredBodyLimit } from './api-request-checks.js';
import type { ApiRouteTable } from './api-routes.js';
import { createUpstreamProxy, type ProxyContext } from './upstream-proxy.js';

/** Dependencies of {@link createApiRouter}. */
export interface ApiProxyDeps {
  readonly config: BffConfig;
  readonly refresher: TokenRefresher;
  /** Keep-alive agent for the upstream (see `createUpstreamAgent`); the caller owns and closes it. */
  readonly agent: Agent;
  /** The backend's routes: anything else is 404/405 here, never forwarded. */
  readonly routes: ApiRouteTable;
  /** Slides the idle deadline (`recordActivity`); run only once every check below passed. */
  readonly activity: RequestHandler;
}

/**
 * `/api/*` → `BACKEND_URL` + the rest of the path, with the session's access token as a bearer:
 * the backend's routes only, CSRF-guarded, form bodies and oversized bodies refused, and only
 * then counted as activity (a refused cross-site request cannot keep a session alive; a slid
 * deadline is saved right away, see `createApiSessionLoader`). The token
 * is refreshed first when it is close to expiry, and once more after an upstream 401 on a GET.
 */
export function createApiRouter(deps: ApiProxyDeps): express.Router {
  const { config, routes, activity } = deps;
  const router = express.Router();
  router.use(
    apiRouteCheck(routes),
    csrfGuard(config.publicOrigin),
    rejectFormContentTypes(),
    declaredBodyLimit(config.apiBodyLimitBytes),
    activity,
    saveSlidActivity,
    requireSession,
    bearerProxy(deps),
  );
  return router;
}

/** Forwards with the session's access token (refreshed when needed), retrying a GET after a 401. */
function bearerProxy(deps: ApiProxyDeps): RequestHandler {
  const { config, refresher } = deps;
  const { forward, contexts } = createUpstreamProxy(config, deps.agent);
  return async (req, res, next) => {
    const auth = req.session.auth!;
    let accessToken: string | undefined;
    if (refresher.needsRefresh(auth)) {
      accessToken = await refreshSession(req, res, deps, 'near_expiry');
      if (accessToken === undefined) return;
    } else {
      accessToken = (await refresher.tokens(auth))?.accessToken;
      if (accessToken === undefined) {
        await destroySession(req, res, config, 'unsealable_tokens');
        return sendError(res, 401, 'session_expired');
      }
    }
    const ctx: ProxyContext = { accessToken, retried: false, timedOut: false, tooLarge: false };
    ctx.retry = async () => {
      try {
        const fresh = await refreshSession(req, res, deps, 'upstream_401');
        if (fresh === undefined) return;
        ctx.accessToken = fresh;
        await forward(req, res, next);
      } catch (err) {
        next(err);
      }
    };
    contexts.set(req, ctx);
    await forward(req, res, next);
  };
}
