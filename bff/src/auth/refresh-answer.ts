import type { Request, Response } from 'express';

import type { BffConfig } from '../config/config.schema.js';
import { sendError } from '../http/errors.js';
import { destroySession } from '../session/session.helpers.js';
import type { ClassifiedFailure } from './refresh-errors.js';

/** How the BFF answers a failed refresh. */
export interface RefreshFailureAnswer {
  /** The refresh token can never work again: the session is destroyed before answering. */
  readonly endsSession: boolean;
  send(res: Response): void;
}

/**
 * The one mapping of refresh failures to HTTP answers: `terminal` → the session ends, 401
 * `session_expired`; `rate_limited` (the session's refresh budget) → 429 with `Retry-After`;
 * `transient` → 503 `auth_unavailable`, retryable, the session kept.
 */
export function refreshFailureAnswer(failure: ClassifiedFailure): RefreshFailureAnswer {
  if (failure.kind === 'terminal') {
    return { endsSession: true, send: (res) => sendError(res, 401, 'session_expired') };
  }
  if (failure.kind === 'rate_limited') {
    const retryAfter = failure.retryAfterSeconds ?? 60;
    return {
      endsSession: false,
      send: (res) => {
        res.set('Retry-After', String(retryAfter));
        sendError(res, 429, 'rate_limited', { retryAfter });
      },
    };
  }
  return {
    endsSession: false,
    send: (res) => sendError(res, 503, 'auth_unavailable', { retryable: true }),
  };
}

/** Logs a failed refresh and answers it (see {@link refreshFailureAnswer}). */
export async function answerRefreshFailure(
  req: Request,
  res: Response,
  config: BffConfig,
  failure: ClassifiedFailure,
): Promise<void> {
  const { kind, reason, status } = failure;
  req.log.warn({ event: 'session.refresh_failed', kind, reason, status }, 'refresh failed');
  const answer = refreshFailureAnswer(failure);
  if (answer.endsSession) await destroySession(req, res, config, `refresh_${reason}`);
  answer.send(res);
}
