import { Router } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { requireApiKey } from '../http/api-key.middleware.js';
import { notFound } from '../http/errors.js';
import { jsonRoute } from '../http/json-route.js';
import { listParams, paginate } from '../http/list.js';
import { sessionObject } from './session.wire.js';

/**
 * `GET /user_management/users/:id/sessions` (`userManagement.listSessions`): the user's active sessions (neither
 * revoked nor past their maximum length), as production's session objects with cursor pages. Unknown user 404.
 * API key.
 */
export function userSessionsRoute(ctx: EmulatorContext): Router {
  const router = Router();
  router.get(
    '/user_management/users/:id/sessions',
    requireApiKey(ctx.directory),
    jsonRoute((req) => {
      const params = listParams(req.query);
      const userId = String(req.params['id']);
      if (ctx.directory.user(userId) === undefined) throw notFound('User', userId);
      const now = ctx.clock();
      const page = paginate(ctx.store.activeSessionsOf(userId, now), params);
      return { status: 200, body: { ...page, data: page.data.map((s) => sessionObject(s, now)) } };
    }),
  );
  return router;
}
