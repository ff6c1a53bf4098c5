import type { Agent, ClientRequest, IncomingMessage, ServerResponse } from 'node:http';

import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import {
  createProxyMiddleware,
  debugProxyErrorsPlugin,
  type Plugin,
  proxyEventsPlugin,
} from 'http-proxy-middleware';

import type { TokenRefresher } from '../auth/token-refresher.js';
import type { BffConfig } from '../config/config.schema.js';
import { sendError } from '../http/errors.js';
import { destroySession, saveSession, sessionLabel } from '../session/session.helpers.js';
import {
  connectionNamedHeaders,
  filterResponseHeaders,
  isStrippedRequestHeader,
} from './header-sanitizer.js';
import type { ApiRouteTable } from './api-routes.js';
import { checkRequestTarget } from './path-guard.js';
import { csrfGuard, rejectFormContentTypes } from './request-guards.js';

/** Methods the proxy ever forwards (a route must also declare the method; else 405, no upstream call). */
const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Per-request proxy state, kept off `req` so the token can never end up in a log serializer. */
interface ProxyContext {
  accessToken: string;
  retried: boolean;
  timedOut: boolean;
  tooLarge: boolean;
  retry?: () => Promise<void>;
}

class UpstreamTimeoutError extends Error {
  readonly code = 'UPSTREAM_TIMEOUT';
}
class BodyTooLargeError extends Error {
  readonly code = 'BODY_TOO_LARGE';
}

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
 * `/api/*` → `BACKEND_URL` + the rest of the path, with the session's access token as a bearer.
 *
 * Built on http-proxy-middleware (v4, over httpxy) rather than hand-rolled piping: it builds the
 * outgoing request from the incoming one, streams the request body, manages agents and socket
 * errors, and never follows redirects unless asked. (undici would also do, but its `request()` is a
 * client, not a proxy: request-body streaming, hop-by-hop handling and error mapping would all be
 * ours.) `selfHandleResponse` is on so the BFF sees the upstream status before anything reaches the
 * browser: that is what allows the one retry of a GET after an upstream 401, and the response is
 * relayed with `pipe` with only the allow-listed upstream headers (see `onProxyRes`).
 */
export function createApiRouter({
  config,
  refresher,
  agent,
  routes,
  activity,
}: ApiProxyDeps): express.Router {
  const contexts = new WeakMap<IncomingMessage, ProxyContext>();
  const forwardedProto = new URL(config.publicOrigin).protocol.replace(':', '');
  const forwardedHost = new URL(config.publicOrigin).host;

  const onProxyReq = (proxyReq: ClientRequest, req: IncomingMessage) => {
    const ctx = contexts.get(req);
    if (!ctx) {
      proxyReq.destroy(new Error('proxy context missing'));
      return;
    }
    const named = connectionNamedHeaders((name) => proxyReq.getHeader(name));
    for (const name of proxyReq.getHeaderNames()) {
      if (name === 'transfer-encoding') {
        // Node decoded the client's chunked framing and re-chunks upstream; removing the header
        // would make Node send the body unframed, so it is normalised instead.
        proxyReq.setHeader('transfer-encoding', 'chunked');
      } else if (isStrippedRequestHeader(name, named)) {
        proxyReq.removeHeader(name);
      }
    }
    proxyReq.setHeader('authorization', `Bearer ${ctx.accessToken}`);
    if (typeof req.id === 'string') proxyReq.setHeader('x-request-id', req.id);
    // The client address as Express sees it (honours TRUST_PROXY_HOPS), never a client-sent header.
    proxyReq.setHeader(
      'x-forwarded-for',
      (req as Request).ip ?? req.socket.remoteAddress ?? 'unknown',
    );
    proxyReq.setHeader('x-forwarded-proto', forwardedProto);
    proxyReq.setHeader('x-forwarded-host', forwardedHost);
    proxyReq.setTimeout(config.backendTimeoutMs, () => {
      ctx.timedOut = true;
      proxyReq.destroy(new UpstreamTimeoutError('upstream timed out'));
    });
    if (req.headers['content-length'] === undefined && !ctx.retried) {
      let received = 0;
      const count = (chunk: Buffer) => {
        received += chunk.length;
        if (received > config.apiBodyLimitBytes) {
          req.off('data', count);
          ctx.tooLarge = true;
          proxyReq.destroy(new BodyTooLargeError('request body over the limit'));
        }
      };
      req.on('data', count);
    }
  };

  const onProxyRes = (proxyRes: IncomingMessage, req: IncomingMessage, res: ServerResponse) => {
    const ctx = contexts.get(req);
    if (ctx && req.method === 'GET' && proxyRes.statusCode === 401 && !ctx.retried && ctx.retry) {
      ctx.retried = true;
      proxyRes.resume();
      void ctx.retry();
      return;
    }
    // Logger, session and httpxy each watch `close`: legitimately more than 10 listeners.
    res.setMaxListeners(20);
    res.statusCode = proxyRes.statusCode ?? 502;
    // Allow-listed upstream headers only, and never one the BFF already set (its security
    // headers, its request id): the upstream cannot weaken what the BFF sends.
    for (const [name, value] of Object.entries(filterResponseHeaders(proxyRes.headers))) {
      if (value !== undefined && !res.hasHeader(name)) res.setHeader(name, value);
    }
    // `pipe`, not `stream.pipeline`: httpxy already ties the two streams together for a
    // self-handled response (client gone → upstream response destroyed, upstream aborted or
    // failing → client response destroyed, and the error reaches `onError`), which is what
    // pipeline would add — at about 70 µs per request (an AbortController, end-of-stream watchers
    // on both streams and a DOMException with a stack trace on every completion), a fifth of the
    // BFF's CPU per proxied request when measured.
    proxyRes.pipe(res);
  };

  const onError = (
    err: Error,
    req: IncomingMessage,
    res: ServerResponse | import('node:net').Socket,
  ) => {
    if (!('writeHead' in res)) {
      res.destroy();
      return;
    }
    const ctx = contexts.get(req);
    const code = (err as NodeJS.ErrnoException).code;
    req.log.warn(
      { event: 'proxy.error', code, timedOut: ctx?.timedOut ?? false },
      'upstream error',
    );
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const response = res as Response;
    if (ctx?.tooLarge) {
      response.setHeader('connection', 'close');
      return sendError(response, 413, 'payload_too_large');
    }
    if (ctx?.timedOut) return sendError(response, 504, 'upstream_timeout');
    sendError(response, 502, 'upstream_unavailable');
  };

  const proxy = createProxyMiddleware<Request, Response>({
    target: config.backendUrl,
    agent,
    changeOrigin: true,
    xfwd: false,
    followRedirects: false,
    selfHandleResponse: true,
    // The default plugins minus `loggerPlugin`, which builds a URL object on every response only
    // to hand it to hpm's no-op logger (the BFF logs through pino). `debugProxyErrorsPlugin` stays
    // (socket error listeners that keep a target restart from crashing the process);
    // `proxyEventsPlugin` wires the `on` handlers below.
    ejectPlugins: true,
    // hpm types its plugins for plain IncomingMessage/ServerResponse; they work on Express's too.
    plugins: [debugProxyErrorsPlugin, proxyEventsPlugin] as unknown as Plugin<Request, Response>[],
    on: {
      proxyReq: (proxyReq, req) => onProxyReq(proxyReq, req),
      proxyRes: (proxyRes, req, res) => onProxyRes(proxyRes, req, res),
      error: (err, req, res) => onError(err, req, res),
    },
  });

  const router = express.Router();

  router.use((req, res, next) => {
    const rejection = checkRequestTarget(req.originalUrl);
    if (rejection) {
      req.log.warn({ event: 'proxy.path_rejected', why: rejection }, 'path rejected');
      return sendError(res, 400, 'bad_path');
    }
    const path = req.originalUrl.slice('/api'.length).split('?')[0] || '/';
    const methods = routes.methodsAt(path);
    if (!methods) {
      req.log.info({ event: 'proxy.route_unknown' }, 'no such backend route');
      return sendError(res, 404, 'not_found');
    }
    if (!methods.has(req.method) || !ALLOWED_METHODS.has(req.method)) {
      res.set('Allow', [...methods].filter((m) => ALLOWED_METHODS.has(m)).join(', '));
      return sendError(res, 405, 'method_not_allowed');
    }
    next();
  });
  router.use(csrfGuard(config.publicOrigin));
  router.use(rejectFormContentTypes());
  router.use((req, res, next) => {
    const declared = req.get('content-length');
    if (declared !== undefined && Number(declared) > config.apiBodyLimitBytes) {
      res.setHeader('connection', 'close');
      return sendError(res, 413, 'payload_too_large');
    }
    next();
  });

  // Route, CSRF, Origin, content type and size all passed: only now does the request count as
  // activity, so a refused (cross-site) request cannot keep a session alive.
  router.use(activity);

  const handler: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
    const auth = req.session?.auth;
    if (!auth) {
      return sendError(
        res,
        401,
        res.locals['sessionEnded'] ? 'session_expired' : 'unauthenticated',
      );
    }
    const context = { ipAddress: req.ip, userAgent: req.get('user-agent')?.slice(0, 512) };

    /** Refreshes (single-flight); on failure answers and returns undefined. */
    const refreshNow = async (why: string): Promise<string | undefined> => {
      const current = req.session?.auth;
      if (!current) {
        sendError(res, 401, 'session_expired');
        return undefined;
      }
      const outcome = await refresher.refresh(current, context, req.sessionID);
      if (outcome.ok) {
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
      const { kind, reason, status } = outcome.failure;
      req.log.warn({ event: 'session.refresh_failed', kind, reason, status }, 'refresh failed');
      if (kind === 'terminal') {
        await destroySession(req, res, config, `refresh_${reason}`);
        sendError(res, 401, 'session_expired');
      } else if (kind === 'rate_limited') {
        const retryAfter = outcome.failure.retryAfterSeconds ?? 60;
        res.set('Retry-After', String(retryAfter));
        sendError(res, 429, 'rate_limited', { retryAfter });
      } else {
        sendError(res, 503, 'auth_unavailable', { retryable: true });
      }
      return undefined;
    };

    let accessToken: string | undefined;
    if (refresher.needsRefresh(auth)) {
      accessToken = await refreshNow('near_expiry');
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
        const fresh = await refreshNow('upstream_401');
        if (fresh === undefined) return;
        ctx.accessToken = fresh;
        await proxy(req, res, next);
      } catch (err) {
        next(err);
      }
    };
    contexts.set(req, ctx);
    await proxy(req, res, next);
  };
  router.use(handler);
  return router;
}
