import { Router } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { requireApiKey } from '../http/api-key.middleware.js';
import { notFound } from '../http/errors.js';
import { jsonRoute } from '../http/json-route.js';
import { listParams, paginate } from '../http/list.js';
import { queryString } from '../http/query.js';

/**
 * `GET /user_management/users` (filters `email`, exact and case-insensitive, and `organization_id`, alias
 * `organization`: users with a membership of any status there; cursor pages), `GET /user_management/users/:id` and
 * `GET /user_management/users/external_id/:external_id`. API key; production's `UserlandUser`. Users come from the
 * seed and are read-only.
 */
export function usersRoute(ctx: EmulatorContext): Router {
  const router = Router();
  const { directory } = ctx;
  const apiKey = requireApiKey(directory);

  router.get(
    '/user_management/users',
    apiKey,
    jsonRoute((req) => {
      const params = listParams(req.query);
      const email = queryString(req.query, 'email')?.trim().toLowerCase();
      const organizationId =
        queryString(req.query, 'organization_id') ?? queryString(req.query, 'organization');
      const members =
        organizationId === undefined
          ? undefined
          : new Set(directory.memberships.list({ organizationId }).map((m) => m.userId));
      const users = directory.seed.users
        .filter((u) => email === undefined || u.email === email)
        .filter((u) => members === undefined || members.has(u.id));
      const page = paginate(users, params);
      return {
        status: 200,
        body: { ...page, data: page.data.map((u) => directory.toUserland(u)) },
      };
    }),
  );

  router.get(
    '/user_management/users/external_id/:externalId',
    apiKey,
    jsonRoute((req) => {
      const externalId = String(req.params['externalId']);
      const user = directory.seed.users.find((u) => u.externalId === externalId);
      if (user === undefined) throw notFound('User', externalId);
      return { status: 200, body: directory.toUserland(user) };
    }),
  );

  router.get(
    '/user_management/users/:id',
    apiKey,
    jsonRoute((req) => {
      const id = String(req.params['id']);
      const user = directory.user(id);
      if (user === undefined) throw notFound('User', id);
      return { status: 200, body: directory.toUserland(user) };
    }),
  );

  return router;
}
