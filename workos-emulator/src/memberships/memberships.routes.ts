import { Router, type Request } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { requireApiKey } from '../http/api-key.middleware.js';
import { bodyObject, optionalField, requiredField } from '../http/body.js';
import { ApiError, invalidParameters, notFound } from '../http/errors.js';
import { jsonRoute } from '../http/json-route.js';
import { listParams, paginate } from '../http/list.js';
import { queryList, queryString } from '../http/query.js';
import type { MembershipService } from './membership.service.js';
import type { MembershipStatus } from './membership.store.js';
import { membershipObject } from './membership.wire.js';

const PATH = '/user_management/organization_memberships';
const STATUSES: readonly MembershipStatus[] = ['active', 'inactive', 'pending'];

/** `role_slug` of a create or update body; `role_slugs` needs Multiple Roles, which the emulated environment lacks. */
function roleSlugOf(req: Request): string | undefined {
  const body = bodyObject(req);
  if (body['role_slugs'] !== undefined && body['role_slugs'] !== null) {
    throw new ApiError(
      422,
      'multiple_roles_not_enabled',
      'Multiple roles are not enabled for this environment.',
    );
  }
  return optionalField(body, 'role_slug');
}

function statusesOf(req: Request): MembershipStatus[] {
  const statuses = queryList(req.query, 'statuses') ?? ['active'];
  const unknown = statuses.find((s) => !STATUSES.includes(s as MembershipStatus));
  if (unknown !== undefined)
    throw invalidParameters(`statuses: "${unknown}" is not one of active, inactive, pending.`);
  return statuses as MembershipStatus[];
}

/** The organization membership endpoints of production (`/user_management/organization_memberships…`). API key. */
export function membershipsRoutes(ctx: EmulatorContext, service: MembershipService): Router {
  const router = Router();
  const { directory, idempotency } = ctx;
  const apiKey = requireApiKey(directory);
  const present = (m: Parameters<typeof membershipObject>[1]) => membershipObject(directory, m);
  const id = (req: Request) => String(req.params['id']);

  router.get(
    PATH,
    apiKey,
    jsonRoute((req) => {
      const params = listParams(req.query);
      const userId = queryString(req.query, 'user_id');
      const organizationId = queryString(req.query, 'organization_id');
      const statuses = statusesOf(req);
      if (userId === undefined && organizationId === undefined) {
        throw new ApiError(
          400,
          'missing_user_id_or_organization_id',
          'Either user_id or organization_id is required.',
        );
      }
      if (organizationId !== undefined && directory.organization(organizationId) === undefined) {
        throw notFound('Organization', organizationId);
      }
      if (userId !== undefined && directory.user(userId) === undefined)
        throw notFound('User', userId);
      const page = paginate(
        directory.memberships.list({ userId, organizationId, statuses }),
        params,
      );
      return { status: 200, body: { ...page, data: page.data.map(present) } };
    }),
  );

  router.post(
    PATH,
    apiKey,
    jsonRoute(
      (req) => {
        const body = bodyObject(req);
        const created = service.create(
          requiredField(body, 'user_id'),
          requiredField(body, 'organization_id'),
          roleSlugOf(req),
        );
        return { status: 201, body: present(created) };
      },
      { cache: idempotency, scope: `POST ${PATH}` },
    ),
  );

  router.get(
    `${PATH}/:id`,
    apiKey,
    jsonRoute((req) => ({ status: 200, body: present(service.get(id(req))) })),
  );

  router.put(
    `${PATH}/:id`,
    apiKey,
    jsonRoute((req) => {
      const roleSlug = roleSlugOf(req);
      const membership =
        roleSlug === undefined ? service.get(id(req)) : service.changeRole(id(req), roleSlug);
      return { status: 200, body: present(membership) };
    }),
  );

  router.delete(
    `${PATH}/:id`,
    apiKey,
    jsonRoute((req) => {
      service.remove(id(req));
      return { status: 200, body: null };
    }),
  );

  router.put(
    `${PATH}/:id/deactivate`,
    apiKey,
    jsonRoute((req) => ({ status: 200, body: present(service.deactivate(id(req))) })),
  );
  router.put(
    `${PATH}/:id/reactivate`,
    apiKey,
    jsonRoute((req) => ({ status: 200, body: present(service.reactivate(id(req))) })),
  );

  return router;
}
