import { Router } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { requireApiKey } from '../http/api-key.middleware.js';
import { notFound } from '../http/errors.js';
import { jsonRoute } from '../http/json-route.js';
import { roleObject } from './role.wire.js';

/**
 * `GET /authorization/organizations/:organizationId/roles` (`workos.authorization.listOrganizationRoles`): the
 * environment roles, in the seed's (priority) order, as an unpaginated `{ object: "list", data }`; and
 * `GET …/roles/:slug`. The emulator has no organization-specific custom roles. API key.
 */
export function rolesRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  const { directory } = ctx;
  const apiKey = requireApiKey(directory);
  const base = '/authorization/organizations/:organizationId/roles';

  const requireOrganization = (id: string) => {
    if (directory.organization(id) === undefined) throw notFound('Organization', id);
  };

  router.get(
    base,
    apiKey,
    jsonRoute((req) => {
      requireOrganization(String(req.params['organizationId']));
      return { status: 200, body: { object: 'list', data: directory.seed.roles.map(roleObject) } };
    }),
  );

  router.get(
    `${base}/:slug`,
    apiKey,
    jsonRoute((req) => {
      requireOrganization(String(req.params['organizationId']));
      const slug = String(req.params['slug']);
      const role = directory.role(slug);
      if (role === undefined) throw notFound('Role', slug);
      return { status: 200, body: roleObject(role) };
    }),
  );

  return router;
}
