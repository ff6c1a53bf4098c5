import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { pino, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

/** Paths redacted from every log line: credentials in and out. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers["x-csrf"]',
  'req.headers["workos-signature"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  '*.accessToken',
  '*.refreshToken',
];

/** The BFF's base logger (JSON lines on stdout unless a destination is given). */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * pino-http with a fresh request id per request (echoed as `X-Request-Id` and forwarded upstream),
 * URLs logged without their query string (the callback's `code` must not be logged) and the
 * credential headers redacted.
 *
 * `req.log` binds only `reqId` (`quietReqLogger`); the serialized request (method, path, redacted
 * headers) goes on the one completion line per request, which carries the same `reqId`. pino-http
 * serializes and redacts each request even when no line is written (`LOG_LEVEL=warn`), a cost
 * kept because request logging is a solved problem and pino-http the maintained library for it.
 */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    quietResLogger: true,
    customSuccessObject: (req, _res, value: Record<string, unknown>) => ({ ...value, req }),
    customErrorObject: (req, _res, _err, value: Record<string, unknown>) => ({ ...value, req }),
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: {
        id: unknown;
        method: string;
        url: string;
        headers: Record<string, unknown>;
      }) => ({
        id: req.id,
        method: req.method,
        path: typeof req.url === 'string' ? req.url.split('?')[0] : undefined,
        headers: req.headers,
      }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
  });
}
