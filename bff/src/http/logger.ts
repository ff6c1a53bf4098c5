import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { pino, type Logger, stdSerializers } from 'pino';
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
 * The key pino-http binds the request under on a child logger it builds for every request and,
 * with `quietReqLogger` and `quietResLogger`, never uses. Its serializer drops the value, so that
 * unused binding costs nothing; the request is serialized (and redacted) once, for the completion
 * line, under `req`.
 */
const UNUSED_REQUEST_BINDING = 'unusedRequestBinding';

/** The request on the completion line: id, method, path without the query, headers (redacted). */
function serializeRequest(req: IncomingMessage & { id?: unknown; originalUrl?: string }) {
  const url = req.originalUrl ?? req.url;
  return {
    id: req.id,
    method: req.method,
    path: typeof url === 'string' ? url.split('?')[0] : undefined,
    headers: req.headers,
  };
}

/**
 * pino-http with a fresh request id per request (echoed as `X-Request-Id` and forwarded upstream),
 * URLs logged without their query string (the callback's `code` must not be logged) and the
 * credential headers redacted.
 *
 * `req.log` binds only `reqId` (`quietReqLogger`); the serialized request (method, path, redacted
 * headers) goes on the one completion line per request, which carries the same `reqId`. The
 * serializers are given unwrapped (`wrapSerializers: false`): the request one reads Express's
 * request directly instead of a copy pino-http would map first, and nothing is serialized for a
 * line that is not written (`LOG_LEVEL=warn`).
 */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    quietResLogger: true,
    wrapSerializers: false,
    customAttributeKeys: { req: UNUSED_REQUEST_BINDING },
    customSuccessObject: (req, _res, value: Record<string, unknown>) => ({ ...value, req }),
    customErrorObject: (req, _res, _err, value: Record<string, unknown>) => ({ ...value, req }),
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      [UNUSED_REQUEST_BINDING]: () => undefined,
      req: serializeRequest,
      res: stdSerializers.res,
      err: stdSerializers.err,
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
  });
}
