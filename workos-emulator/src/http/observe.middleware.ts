import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { prefixedId } from '../util/ids.js';
import { endpointOf } from './endpoints.js';

/** Sets `X-Request-ID` on every response (production sends one; the SDK copies it into errors). */
export function requestId(): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Request-ID', prefixedId('req'));
    next();
  };
}

function isControl(path: string): boolean {
  return path === '/__emulator' || path.startsWith('/__emulator/');
}

/** Counts the call on arrival and its status on completion (the test controls are not counted). */
export function countCalls(ctx: EmulatorContext): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!isControl(req.path)) {
      const endpoint = endpointOf(req.method, req.path);
      ctx.stats.endpoint(endpoint);
      res.on('finish', () => ctx.stats.status(endpoint, res.statusCode));
    }
    next();
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

function grantTypeOf(req: Request): string | undefined {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const grant = (body as Record<string, unknown>)['grant_type'];
  return typeof grant === 'string' && grant !== '' ? grant : undefined;
}

/**
 * Counts authenticate calls per grant type (on arrival, like the endpoint counts, so a faulted refresh still counts)
 * and applies injected faults. Runs after body parsing, so a fault can target one grant type.
 */
export function countGrantsAndInjectFaults(ctx: EmulatorContext): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (isControl(req.path)) return next();
    const grantType = grantTypeOf(req);
    if (endpointOf(req.method, req.path) === 'POST /user_management/authenticate') {
      ctx.stats.grant(grantType ?? '(missing)');
    }
    const fault = ctx.faults.take(req.method, req.path, grantType);
    if (fault === undefined) return next();
    if (fault.delayMs !== undefined) await sleep(fault.delayMs, ctx.closing);
    if (fault.status === undefined) return next();
    if (fault.status === 429) res.setHeader('Retry-After', '1');
    res.status(fault.status).json(
      fault.body ?? {
        code: fault.status === 429 ? 'rate_limit_exceeded' : 'injected_fault',
        message: 'Injected fault',
      },
    );
  };
}
