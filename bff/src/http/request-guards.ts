import type { RequestHandler } from 'express';

import { sendError } from '../http/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for `/api/*` and the JSON `/auth` routes, three layers:
 * - every request carries `X-CSRF: 1` (a custom header forces a CORS preflight, which no foreign
 *   origin passes since the BFF sends no CORS headers);
 * - `Sec-Fetch-Site: cross-site` is refused outright;
 * - unsafe methods also need an `Origin` equal to `PUBLIC_URL`'s.
 * Failures answer 403 `{ error: "csrf" }` before anything else runs (the upstream is not called).
 */
export function csrfGuard(publicOrigin: string): RequestHandler {
  return (req, res, next) => {
    if (req.get('x-csrf') !== '1') {
      req.log.warn({ event: 'csrf.rejected', why: 'missing_header' }, 'csrf rejected');
      return sendError(res, 403, 'csrf');
    }
    if (req.get('sec-fetch-site')?.toLowerCase() === 'cross-site') {
      req.log.warn({ event: 'csrf.rejected', why: 'cross_site' }, 'csrf rejected');
      return sendError(res, 403, 'csrf');
    }
    if (!SAFE_METHODS.has(req.method) && req.get('origin') !== publicOrigin) {
      req.log.warn({ event: 'csrf.rejected', why: 'origin' }, 'csrf rejected');
      return sendError(res, 403, 'csrf');
    }
    next();
  };
}

/** Content types a browser may send cross-origin without a preflight (the classic CSRF vectors). */
const SIMPLE_FORM_TYPES = ['text/plain', 'application/x-www-form-urlencoded'];

/** 415 for bodies sent as `text/plain` or url-encoded forms (JSON and multipart pass). */
export function rejectFormContentTypes(): RequestHandler {
  return (req, res, next) => {
    const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (SIMPLE_FORM_TYPES.includes(type)) return sendError(res, 415, 'unsupported_media_type');
    next();
  };
}
