import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { AuditRequestContext } from '../audit-event.js';

/** Longest user agent kept. */
const MAX_USER_AGENT = 512;

/** Printable characters only: a header value never forges a CSV line or a log line. */
function printable(value: string, max: number): string {
  let kept = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x20 && code !== 0x7f) kept += char;
    if (kept.length >= max) break;
  }
  return kept;
}

/**
 * Request id, client IP and user agent as the BFF forwarded them: the id the request logger
 * assigned (the BFF's `X-Request-Id` when well-formed), the first `X-Forwarded-For` entry (the BFF
 * sets it to the client address Express saw) when it is an IP address, else the peer address, and
 * `User-Agent` (the BFF passes the browser's on). Only trustworthy when the backend is reachable
 * through the BFF alone.
 */
export function requestContextOf(req: IncomingMessage & { id?: unknown }): AuditRequestContext {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  const clientIp = first && isIP(first) ? first : (req.socket.remoteAddress ?? null);
  const userAgent = req.headers['user-agent'];
  return {
    requestId: typeof req.id === 'string' ? req.id : null,
    clientIp,
    userAgent: userAgent ? printable(userAgent, MAX_USER_AGENT) : null,
  };
}

/** `@AuditRequest() request: AuditRequestContext` in a controller method. */
export const AuditRequest = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuditRequestContext =>
    requestContextOf(context.switchToHttp().getRequest<IncomingMessage & { id?: unknown }>()),
);
