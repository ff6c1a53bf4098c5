import { Router } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { ApiError } from '../http/errors.js';

/** `GET /sso/jwks/:clientId`: production's `JwksResponse` for a seeded client, 404 otherwise. */
export function jwksRoute(ctx: EmulatorContext): Router {
  const router = Router();
  router.get('/sso/jwks/:clientId', (req, res) => {
    if (ctx.directory.client(req.params.clientId) === undefined) {
      throw new ApiError(404, 'entity_not_found', `Client not found: '${req.params.clientId}'.`);
    }
    res.json(ctx.keys.jwks());
  });
  return router;
}
