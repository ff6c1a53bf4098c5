import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError } from './errors.js';
import type { IdempotencyCache, StoredResponse } from './idempotency.js';

/** A REST handler: returns the status and JSON body, or throws an {@link ApiError}. */
export type JsonHandler = (req: Request) => StoredResponse | Promise<StoredResponse>;

async function settle(handler: JsonHandler, req: Request): Promise<StoredResponse> {
  try {
    return await handler(req);
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: error.toBody() };
    throw error;
  }
}

/** Makes a POST handler idempotent: one answer per `Idempotency-Key` and `scope` (the endpoint). */
export interface Idempotent {
  cache: IdempotencyCache;
  scope: string;
}

/**
 * Wraps a REST handler. With `idempotent`, a POST carrying an `Idempotency-Key` (the SDK sends one on every POST)
 * is answered once per key; a repeat gets the first response, errors included, as production documents for its
 * create endpoints. A `null` body is sent as an empty 200 (production's DELETE).
 */
export function jsonRoute(handler: JsonHandler, idempotent?: Idempotent): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const key = idempotent !== undefined ? req.get('idempotency-key') : undefined;
      const result =
        idempotent === undefined || key === undefined || key === ''
          ? await settle(handler, req)
          : await idempotent.cache.run(idempotent.scope, key, () => settle(handler, req));
      if (result.body === null) res.status(result.status).end();
      else res.status(result.status).json(result.body);
    } catch (error) {
      next(error);
    }
  };
}
