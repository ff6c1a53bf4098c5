import type { Agent, ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import type { Request, RequestHandler, Response } from 'express';
import { createProxyServer } from 'httpxy';

import type { BffConfig } from '../config/config.schema.js';
import { sendError } from '../http/errors.js';
import {
  connectionNamedHeaders,
  filterResponseHeaders,
  isStrippedRequestHeader,
} from './header-sanitizer.js';

/** Per-request proxy state, kept off `req` so the token can never end up in a log serializer. */
export interface ProxyContext {
  accessToken: string;
  retried: boolean;
  timedOut: boolean;
  tooLarge: boolean;
  /** Refreshes and forwards once more (a GET answered 401 upstream). */
  retry?: () => Promise<void>;
}

/** The proxy middleware and the per-request state it reads. */
export interface UpstreamProxy {
  readonly forward: RequestHandler;
  readonly contexts: WeakMap<IncomingMessage, ProxyContext>;
}

class UpstreamTimeoutError extends Error {
  readonly code = 'UPSTREAM_TIMEOUT';
}
class BodyTooLargeError extends Error {
  readonly code = 'BODY_TOO_LARGE';
}

/**
 * Forwards to `BACKEND_URL` with the context's bearer token, on httpxy (the proxy engine under
 * http-proxy-middleware) rather than hand-rolled piping: it builds the outgoing request from the
 * incoming one, streams the request body, ties the two sides' lifetimes together, manages agents
 * and socket errors, and never follows redirects. (undici is a client, not a proxy: body
 * streaming, hop-by-hop handling and error mapping would all be ours.) httpxy is used directly:
 * http-proxy-middleware's layer on top (path filter, router, path rewrite, plugins; none used
 * here) parsed two URLs and awaited three promises per request. `selfHandleResponse` lets the BFF
 * see the upstream status before anything reaches the browser: that is what allows the one retry
 * of a GET after an upstream 401.
 */
export function createUpstreamProxy(config: BffConfig, agent: Agent): UpstreamProxy {
  const contexts = new WeakMap<IncomingMessage, ProxyContext>();
  const forwarded = {
    proto: new URL(config.publicOrigin).protocol.replace(':', ''),
    host: new URL(config.publicOrigin).host,
  };
  const proxy = createProxyServer({
    target: new URL(config.backendUrl),
    agent,
    changeOrigin: true,
    xfwd: false,
    followRedirects: false,
    selfHandleResponse: true,
  });
  proxy.on('proxyReq', (proxyReq, req) => prepareUpstreamRequest(proxyReq, req, contexts.get(req)));
  proxy.on('proxyRes', (proxyRes, req, res) =>
    relayResponse(proxyRes, req, res, contexts.get(req)),
  );
  // With an `error` listener httpxy reports every failure here and never rejects `web`.
  proxy.on('error', (err, req, res) => {
    if (req && res) answerUpstreamError(err, req, res, contexts.get(req));
  });
  const forward: RequestHandler = (req, res, next) => {
    proxy.web(req, res).catch(next);
  };
  /** Sets the BFF's headers on the outgoing request and bounds it in time and size. */
  function prepareUpstreamRequest(
    proxyReq: ClientRequest,
    req: IncomingMessage,
    ctx: ProxyContext | undefined,
  ): void {
    if (!ctx) {
      proxyReq.destroy(new Error('proxy context missing'));
      return;
    }
    setUpstreamHeaders(proxyReq, req, ctx.accessToken, forwarded);
    proxyReq.setTimeout(config.backendTimeoutMs, () => {
      ctx.timedOut = true;
      proxyReq.destroy(new UpstreamTimeoutError('upstream timed out'));
    });
    if (req.headers['content-length'] === undefined && !ctx.retried) {
      countStreamedBody(proxyReq, req, ctx, config.apiBodyLimitBytes);
    }
  }
  return { forward, contexts };
}

/**
 * Strips what the client must not send upstream (see `header-sanitizer.ts`) and sets the bearer
 * token, the request id and the BFF's own `X-Forwarded-*`.
 */
function setUpstreamHeaders(
  proxyReq: ClientRequest,
  req: IncomingMessage,
  accessToken: string,
  forwarded: { proto: string; host: string },
): void {
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
  proxyReq.setHeader('authorization', `Bearer ${accessToken}`);
  if (typeof req.id === 'string') proxyReq.setHeader('x-request-id', req.id);
  // The client address as Express sees it (honours TRUST_PROXY_HOPS), never a client-sent header.
  proxyReq.setHeader(
    'x-forwarded-for',
    (req as Request).ip ?? req.socket.remoteAddress ?? 'unknown',
  );
  proxyReq.setHeader('x-forwarded-proto', forwarded.proto);
  proxyReq.setHeader('x-forwarded-host', forwarded.host);
}

/** Aborts the upstream request once a body without `Content-Length` passes `limitBytes` (→ 413). */
function countStreamedBody(
  proxyReq: ClientRequest,
  req: IncomingMessage,
  ctx: ProxyContext,
  limitBytes: number,
): void {
  let received = 0;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limitBytes) {
      req.off('data', count);
      ctx.tooLarge = true;
      proxyReq.destroy(new BodyTooLargeError('request body over the limit'));
    }
  };
  req.on('data', count);
}

/**
 * Relays the upstream answer with the allow-listed upstream headers only, and never one the BFF
 * already set (its security headers, its request id). A GET answered 401 is retried once instead.
 */
function relayResponse(
  proxyRes: IncomingMessage,
  req: IncomingMessage,
  res: ServerResponse,
  ctx: ProxyContext | undefined,
): void {
  if (ctx && req.method === 'GET' && proxyRes.statusCode === 401 && !ctx.retried && ctx.retry) {
    ctx.retried = true;
    proxyRes.resume();
    void ctx.retry();
    return;
  }
  // Logger, session and httpxy each watch `close`: legitimately more than 10 listeners.
  res.setMaxListeners(20);
  res.statusCode = proxyRes.statusCode ?? 502;
  for (const [name, value] of Object.entries(filterResponseHeaders(proxyRes.headers))) {
    if (value !== undefined && !res.hasHeader(name)) res.setHeader(name, value);
  }
  // `pipe`, not `stream.pipeline`: httpxy already ties the two streams together for a
  // self-handled response (client gone → upstream response destroyed, upstream failing → client
  // response destroyed, and the error reaches `onError`), which is all pipeline would add, at a
  // measurable cost per response (bff/README.md, Numbers).
  proxyRes.pipe(res);
}

/** 413 for a streamed body over the limit, 504 for an upstream timeout, else 502. */
function answerUpstreamError(
  err: Error,
  req: IncomingMessage,
  res: ServerResponse | Socket,
  ctx: ProxyContext | undefined,
): void {
  if (!('writeHead' in res)) {
    res.destroy();
    return;
  }
  const code = (err as NodeJS.ErrnoException).code;
  req.log.warn({ event: 'proxy.error', code, timedOut: ctx?.timedOut ?? false }, 'upstream error');
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
}
