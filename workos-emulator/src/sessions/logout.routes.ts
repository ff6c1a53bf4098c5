import { Router } from 'express';
import { PAGE_HEADERS, messagePage } from '../authorize/page.layout.js';
import type { EmulatorContext } from '../emulator.context.js';
import { requireApiKey } from '../http/api-key.middleware.js';
import { ApiError } from '../http/errors.js';
import type { SeedClient } from '../seed/seed.types.js';

/**
 * `GET /user_management/sessions/logout` (browser) and `POST /user_management/sessions/revoke` (API key). Both end the
 * session, which makes its refresh tokens `invalid_grant`.
 */
export function logoutRoutes(ctx: EmulatorContext): Router {
  const router = Router();

  router.get('/user_management/sessions/logout', (req, res) => {
    const sessionId = req.query['session_id'];
    if (typeof sessionId !== 'string' || sessionId === '') {
      throw new ApiError(422, 'invalid_request_parameters', 'session_id is required.');
    }
    const returnTo = req.query['return_to'];
    if (returnTo !== undefined && typeof returnTo !== 'string') {
      throw new ApiError(422, 'invalid_request_parameters', 'return_to must be a single string.');
    }
    const session = ctx.store.session(sessionId);
    ctx.endSession(sessionId);
    // The session's client decides which return URIs are allowed; for an unknown session any client's list counts.
    const clients: SeedClient[] =
      session === undefined
        ? ctx.directory.seed.clients
        : [ctx.directory.client(session.clientId)].filter((c): c is SeedClient => c !== undefined);
    const target =
      returnTo === undefined || returnTo === ''
        ? clients[0]?.logoutReturnUris[0]
        : clients.some((c) => c.logoutReturnUris.includes(returnTo))
          ? returnTo
          : undefined;
    if (target !== undefined) {
      res.redirect(302, target);
      return;
    }
    res
      .status(200)
      .set(PAGE_HEADERS)
      .send(messagePage('Signed out', 'You have been signed out. You can close this window.'));
  });

  router.post('/user_management/sessions/revoke', requireApiKey(ctx.directory), (req, res) => {
    const body: unknown = req.body;
    const sessionId =
      typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>)['session_id']
        : undefined;
    if (typeof sessionId !== 'string' || sessionId === '') {
      throw new ApiError(
        422,
        'invalid_request_parameters',
        'session_id is required and must be a string.',
      );
    }
    if (ctx.store.session(sessionId) === undefined) {
      throw new ApiError(404, 'entity_not_found', `Session not found: '${sessionId}'.`);
    }
    ctx.endSession(sessionId);
    res.status(200).json({});
  });

  return router;
}
