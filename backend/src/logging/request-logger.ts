import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { AppLogger } from './app-logger.js';
import { assignRequestId } from './request-id.js';

/** The path only: query strings are never logged (a token could have been put there by mistake). */
function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

interface SerializedRequest {
  id: unknown;
  method: string;
  url: string;
  headers: Record<string, unknown>;
  remoteAddress?: string;
}

/**
 * pino-http middleware: one JSON line per request with its id (from `X-Request-Id` or generated,
 * returned in the response), method, path, status and duration. `Authorization` and cookies are
 * redacted by the logger.
 */
export function createRequestLogger(logger: AppLogger): HttpLogger {
  return pinoHttp({
    logger: logger.pino,
    genReqId: (req: IncomingMessage, res: ServerResponse) => assignRequestId(req, res),
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      req: (req: SerializedRequest) => ({
        id: req.id,
        method: req.method,
        url: pathOf(req.url),
        headers: req.headers,
        remoteAddress: req.remoteAddress,
      }),
    },
  });
}
