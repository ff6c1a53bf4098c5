import { Router } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { requireApiKey } from '../http/api-key.middleware.js';
import { ApiError } from '../http/errors.js';

/** `GET /user_management/users/:id` (API key): production's `UserlandUser`. */
export function usersRoute(ctx: EmulatorContext): Router {
  const router = Router();
  router.get('/user_management/users/:id', requireApiKey(ctx.directory), (req, res) => {
    const id = String(req.params['id']);
    const user = ctx.directory.user(id);
    if (user === undefined) throw new ApiError(404, 'entity_not_found', `User not found: '${id}'.`);
    res.json(ctx.directory.toUserland(user));
  });
  return router;
}
