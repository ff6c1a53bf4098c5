import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import { PAGE_HEADERS, messagePage } from '../authorize/page.layout.js';
import { ApiError, OAuthError } from './errors.js';

/** An error answered with an HTML page (browser-facing endpoints). */
export class HtmlError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = 'HtmlError';
  }
}

const OAUTH_PATHS = new Set(['/user_management/authenticate']);

interface BodyParserError {
  type?: unknown;
  status?: unknown;
  expose?: unknown;
}

/**
 * Maps the 4xx errors Express itself raises (body-parser: malformed JSON, too large, bad charset; router: a path
 * parameter that is not valid percent-encoding) to a client error of the endpoint's shape.
 */
function fromHttpError(err: BodyParserError, path: string): OAuthError | ApiError | undefined {
  if (typeof err.status !== 'number' || err.status < 400 || err.status >= 500) return undefined;
  if (err.type === 'entity.too.large') {
    return new ApiError(413, 'payload_too_large', 'The request body is too large.');
  }
  if (typeof err.type !== 'string') {
    return new ApiError(400, 'invalid_request_parameters', 'The request URL cannot be decoded.');
  }
  const message =
    err.type === 'entity.parse.failed'
      ? 'The request body is not valid JSON.'
      : 'The request body cannot be read.';
  return OAUTH_PATHS.has(path)
    ? new OAuthError('invalid_request', message)
    : new ApiError(400, 'invalid_request_body', message);
}

/** Last-resort handler: every error becomes a response of the right shape; nothing escapes to crash the process. */
export function errorHandler(logError: (message: string) => void): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      res.end();
      return;
    }
    const mapped =
      err instanceof OAuthError || err instanceof ApiError || err instanceof HtmlError
        ? err
        : fromHttpError(err ?? {}, req.path);
    if (mapped instanceof HtmlError) {
      res.status(mapped.status).set(PAGE_HEADERS).send(messagePage(mapped.title, mapped.message));
      return;
    }
    if (mapped !== undefined) {
      res.status(mapped instanceof OAuthError ? 400 : mapped.status).json(mapped.toBody());
      return;
    }
    logError(
      `unexpected error on ${req.method} ${req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    res
      .status(500)
      .json({ code: 'server_error', message: 'The emulator hit an unexpected error.' });
  };
}
