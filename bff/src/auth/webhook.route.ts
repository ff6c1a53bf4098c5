import type { WorkOS } from '@workos-inc/node';
import express, { type Request, type RequestHandler, type Response } from 'express';

import type { BffConfig } from '../config/config.schema.js';
import { sendError } from '../http/errors.js';
import {
  type BffSessionStore,
  SessionStoreUnavailableError,
} from '../session/session-store.types.js';

/** Dependencies of {@link createWebhookRoute}. */
export interface WebhookRouteDeps {
  readonly config: BffConfig;
  readonly workos: WorkOS;
  readonly store: BffSessionStore;
}

/** How far a signature timestamp may lie in the past (the SDK's default) or in the future. */
const TOLERANCE_MS = 180_000;
const MAX_BODY = '256kb';

function stringField(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[name];
  return typeof field === 'string' && field.length > 0 && field.length <= 128 ? field : undefined;
}

/**
 * `POST /auth/webhooks/workos`: WorkOS events, verified with the SDK's webhook helper
 * (`workos.webhooks.constructEvent`: HMAC-SHA256 over `"<t>.<raw body>"` with
 * `WORKOS_WEBHOOK_SECRET`, compared in constant time, timestamp within 3 min).
 *
 * - `session.revoked` → every BFF session of that WorkOS session is destroyed;
 * - `user.deleted` → every BFF session of that user is destroyed;
 * - other events → 200, ignored.
 * The next request of an ended session answers 401 `session_expired`. A missing or bad signature
 * → 401 and nothing changes; no secret configured → 404; a store that cannot be reached → 503,
 * so WorkOS delivers again later (destroying twice is harmless).
 */
export function createWebhookRoute({ config, workos, store }: WebhookRouteDeps): RequestHandler[] {
  const secret = config.workos.webhookSecret;
  const handler: RequestHandler = async (req: Request, res: Response) => {
    if (secret === undefined) return sendError(res, 404, 'not_found');
    const sigHeader = req.get('workos-signature');
    const body: unknown = req.body;
    if (!sigHeader || !Buffer.isBuffer(body) || sigHeader.length > 512) {
      req.log.warn({ event: 'webhook.rejected', why: 'missing' }, 'webhook without signature');
      return sendError(res, 401, 'bad_signature');
    }
    // The SDK refuses old timestamps only; a far-future one would make a captured delivery
    // replayable for longer, so it is refused here too.
    const timestamp = Number(/(?:^|,)\s*t=(\d{1,16})\s*(?:,|$)/.exec(sigHeader)?.[1]);
    if (!Number.isFinite(timestamp) || timestamp > Date.now() + TOLERANCE_MS) {
      req.log.warn({ event: 'webhook.rejected', why: 'timestamp' }, 'webhook timestamp refused');
      return sendError(res, 401, 'bad_signature');
    }
    let event: { event: string; data: unknown; id: string };
    try {
      event = await workos.webhooks.constructEvent({
        payload: body.toString('utf8'),
        sigHeader,
        secret,
        tolerance: TOLERANCE_MS,
      });
    } catch {
      req.log.warn({ event: 'webhook.rejected', why: 'signature' }, 'webhook signature refused');
      return sendError(res, 401, 'bad_signature');
    }
    try {
      let ended = 0;
      if (event.event === 'session.revoked') {
        const workosSessionId = stringField(event.data, 'id');
        if (workosSessionId) {
          ended = await store.destroySessionsOf({ workosSessionId }, 'revoked');
        }
      } else if (event.event === 'user.deleted') {
        const userId = stringField(event.data, 'id');
        if (userId) ended = await store.destroySessionsOf({ userId }, 'user_deleted');
      }
      req.log.info(
        { event: 'webhook.received', type: event.event, eventId: event.id, sessionsEnded: ended },
        'webhook received',
      );
      res.set('Cache-Control', 'no-store').json({ received: true });
    } catch (err) {
      if (err instanceof SessionStoreUnavailableError) {
        return sendError(res, 503, 'auth_unavailable', { retryable: true });
      }
      throw err;
    }
  };
  return [express.raw({ type: () => true, limit: MAX_BODY }), handler];
}
