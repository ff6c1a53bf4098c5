import type { IncomingMessage, ServerResponse } from 'node:http';
import { stdSerializers } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { AppLogger } from './app-logger.js';
import { assignRequestId } from './request-id.js';

/** The path only: query strings are never logged (a token could have been put there by mistake). */
function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

/**
 * The key pino-http binds the request under on the per-request child logger it always builds.
 * Its serializer drops the value, so that binding costs nothing; the request is serialized (and
 * redacted) once, for the completion line, under `req`.
 */
const UNUSED_REQUEST_BINDING = 'unusedRequestBinding';

/** The request on the completion line: id, method, path, headers (redacted), client address. */
function serializeRequest(req: IncomingMessage & { id?: unknown; originalUrl?: string }) {
  return {
    id: req.id,
    method: req.method,
    url: pathOf(req.originalUrl ?? req.url),
    headers: req.headers,
    remoteAddress: req.socket?.remoteAddress,
  };
}

/**
 * pino-http middleware: one JSON line per request with its id (from `X-Request-Id` or generated,
 * returned in the response), method, path, status and duration. `Authorization` and cookies are
 * redacted by the logger. `req.log` binds only `reqId`; serializers are given unwrapped, so a
 * request is serialized only for a line that is written.
 */
export function createRequestLogger(logger: AppLogger): HttpLogger {
  return pinoHttp({
    logger: logger.pino,
    quietReqLogger: true,
    wrapSerializers: false,
    customAttributeKeys: { req: UNUSED_REQUEST_BINDING },
    customSuccessObject: (req, _res, value: Record<string, unknown>) => ({ ...value, req }),
    customErrorObject: (req, _res, _err, value: Record<string, unknown>) => ({ ...value, req }),
    genReqId: (req: IncomingMessage, res: ServerResponse) => assignRequestId(req, res),
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      [UNUSED_REQUEST_BINDING]: () => undefined,
      req: serializeRequest,
      res: stdSerializers.res,
      err: stdSerializers.err,
    },
  });
}
