import type { WorkOS } from '@workos-inc/node';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';

import { createAuthRouter } from './auth/auth.router.js';
import { LoginTransactions } from './auth/login-transaction.js';
import { TokenRefresher } from './auth/token-refresher.js';
import { createWorkOS } from './auth/workos.client.js';
import { type Clock, systemClock } from './clock.js';
import { type BffConfig, cookiePasswords } from './config/config.schema.js';
import { Sealer } from './crypto/seal.js';
import { sendError } from './http/errors.js';
import { createHttpLogger, createLogger } from './http/logger.js';
import { createRateLimits } from './http/rate-limits.js';
import { securityHeaders } from './http/security-headers.js';
import { createApiRouter } from './proxy/api-proxy.js';
import { type ApiRoute, ApiRouteTable } from './proxy/api-routes.js';
import { BACKEND_API_ROUTES } from './proxy/api-routes.generated.js';
import { checkRequestTarget } from './proxy/path-guard.js';
import { createUpstreamAgent } from './proxy/upstream-agent.js';
import {
  type BffSessionStore,
  SessionStoreUnavailableError,
} from './session/session-store.types.js';
import { createWebhookRoute } from './auth/webhook.route.js';
import {
  createSessionMiddleware,
  enforceSessionTimeouts,
  recordActivity,
} from './session/session.middleware.js';
import { createApiSessionLoader } from './session/session-loader.js';
import { createSessionStore } from './session/store.factory.js';
import { createSpaRouter } from './spa/spa.static.js';

/** Optional collaborators of {@link createBff}; every one has a production default. */
export interface BffDeps {
  /** Clock for session timeouts and token expiry (tests move it). */
  readonly now?: Clock;
  /**
   * Session store (default: built from `SESSION_STORE`). Closed by `close()` only if the BFF built
   * it. Must keep the {@link BffSessionStore} contract.
   */
  readonly store?: BffSessionStore;
  /** Base logger (default: pino JSON on stdout at `LOG_LEVEL`). */
  readonly logger?: Logger;
  /** WorkOS SDK instance (default: one built from the config). */
  readonly workos?: WorkOS;
  /**
   * The backend routes `/api` forwards (default: `BACKEND_API_ROUTES`, generated from the
   * backend's OpenAPI document); any other path is 404, any other method 405.
   */
  readonly apiRoutes?: readonly ApiRoute[];
}

/** The Express app plus what owns resources. */
export type BffApp = Express & {
  /** The session store in use. */
  readonly sessionStore: BffSessionStore;
  /** The base logger. */
  readonly logger: Logger;
  /** Closes the upstream connections and releases the store (if the BFF created it). */
  close(): Promise<void>;
};

/** Builds the BFF as an Express 5 app. */
export function createBff(config: BffConfig, deps: BffDeps = {}): BffApp {
  const clock = deps.now ?? systemClock;
  const logger = deps.logger ?? createLogger(config.logLevel);
  const ownsStore = deps.store === undefined;
  const store = deps.store ?? createSessionStore(config, clock, logger);
  const workos = deps.workos ?? createWorkOS(config);
  const sealer = new Sealer(cookiePasswords(config), clock);
  const rateLimits = createRateLimits(config, { store, logger });
  const refresher = new TokenRefresher(workos, sealer, clock, store, rateLimits.refresh);
  const transactions = new LoginTransactions(config, sealer, clock, store);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxyHops);
  app.set('query parser', 'simple');
  // Liveness for process supervisors and load balancers: answered before logging so polls do not
  // flood the log, and never by the SPA fallback.
  app.get('/healthz', (_req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  app.use(
    createHttpLogger(logger),
    rejectOddTargets,
    securityHeaders(config.session.secureCookies),
  );

  // Per client IP, before anything with a side effect (login cookie, transaction, code exchange,
  // session load): a refused request has changed nothing.
  app.get('/auth/login', rateLimits.login);
  app.get('/auth/callback', rateLimits.callback);
  app.post('/auth/sessions/revoke-all', rateLimits.revokeAll);
  // Server-to-server: no session, no cookie, no CSRF header; the WorkOS signature is the guard.
  app.post('/auth/webhooks/workos', ...createWebhookRoute({ config, workos, store }));

  const sessionBound = [
    createSessionMiddleware(config, store),
    enforceSessionTimeouts(config, clock),
  ];
  const activity = recordActivity(config, clock);
  const authDeps = { config, workos, sealer, clock, transactions, refresher, store, activity };
  app.use('/auth', ...sessionBound, createAuthRouter(authDeps));
  const upstreamAgent = createUpstreamAgent(config.backendUrl);
  const routes = new ApiRouteTable(deps.apiRoutes ?? BACKEND_API_ROUTES);
  const apiDeps = { config, refresher, agent: upstreamAgent, routes, activity };
  // Same cookie and store as `sessionBound`, read without express-session's bookkeeping (hot path).
  app.use(
    '/api',
    createApiSessionLoader(config, store),
    enforceSessionTimeouts(config, clock),
    createApiRouter(apiDeps),
  );
  app.use(createSpaRouter(config.spaDistDir));
  app.use((_req: Request, res: Response) => sendError(res, 404, 'not_found'));
  app.use(answerError);

  return Object.assign(app, {
    sessionStore: store,
    logger,
    close: async () => {
      upstreamAgent.destroy();
      rateLimits.close();
      if (ownsStore) await store.close();
    },
  });
}

/** Absolute-form targets and `/api;…`, `/api%2f…`, `/api\…` and the like never reach routing. */
function rejectOddTargets(req: Request, res: Response, next: NextFunction): void {
  if (checkRequestTarget(req.url) === 'absolute_form') return sendError(res, 400, 'bad_path');
  // They must not slip past the /api or /auth mount into the SPA.
  if (/^\/(api|auth)[^/?\w-]/i.test(req.url)) return sendError(res, 400, 'bad_path');
  next();
}

/** The last error handler: store away → 503 (session kept), a 4xx from a parser, else 500. */
function answerError(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (err instanceof SessionStoreUnavailableError) {
    req.log.warn({ event: 'session.store_unavailable' }, 'session store unavailable');
    return sendError(res, 503, 'auth_unavailable', { retryable: true });
  }
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return sendError(res, status, status === 413 ? 'payload_too_large' : 'bad_request');
  }
  req.log.error({ event: 'request.failed', err }, 'unhandled error');
  sendError(res, 500, 'internal');
}
