import type { RequestHandler } from 'express';

import { sendError } from '../http/errors.js';
import type { ApiRouteTable } from './api-routes.js';
import { checkRequestTarget } from './path-guard.js';

/** Methods the proxy ever forwards (a route must also declare the method; else 405, no upstream call). */
const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Only the backend's routes: a path that fails the traversal checks → 400 `bad_path`, one the
 * backend does not map → 404, a method it does not declare there → 405 with `Allow`.
 */
export function apiRouteCheck(routes: ApiRouteTable): RequestHandler {
  return (req, res, next) => {
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
  };
}

/** 413 for a declared `Content-Length` over `limitBytes` (a streamed body is counted upstream). */
export function declaredBodyLimit(limitBytes: number): RequestHandler {
  return (req, res, next) => {
    const declared = req.get('content-length');
    if (declared !== undefined && Number(declared) > limitBytes) {
      res.setHeader('connection', 'close');
      return sendError(res, 413, 'payload_too_large');
    }
    next();
  };
}
