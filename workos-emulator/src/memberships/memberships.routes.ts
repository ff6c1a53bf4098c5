import { Router, type Request } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { requireApiKey } from '../http/api-key.middleware.js';
import { bodyObject, optionalField, requiredField } from '../http/body.js';
import { ApiError, invalidParameters, notFound } from '../http/errors.js';
import { type JsonHandler, jsonRoute } from '../http/json-route.js';
import { listParams, paginate } from '../http/list.js';
import { queryList, queryString } from '../http/query.js';
import type { MembershipService } from './membership.service.js';
import type { MembershipRecord, MembershipStatus } from './membership.store.js';
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
  if (unknown !== undefined) {
    throw invalidParameters(`statuses: "${unknown}" is not one of active, inactive, pending.`);
  }
  return statuses as MembershipStatus[];
}

/** The handlers, one per endpoint; each answers production's membership object or list. */
function handlers(
  ctx: EmulatorContext,
  service: MembershipService,
): Record<
  'list' | 'create' | 'get' | 'update' | 'remove' | 'deactivate' | 'reactivate',
  JsonHandler
> {
  const { directory } = ctx;
  const ok = (m: MembershipRecord, status = 200) => ({
    status,
    body: membershipObject(directory, m),
  });
  const id = (req: Request) => String(req.params['id']);
  const list: JsonHandler = (req) => {
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
    const page = paginate(directory.memberships.list({ userId, organizationId, statuses }), params);
    const data = page.data.map((m) => membershipObject(directory, m));
    return { status: 200, body: { ...page, data } };
  };
  const create: JsonHandler = (req) => {
    const body = bodyObject(req);
    const userId = requiredField(body, 'user_id');
    const organizationId = requiredField(body, 'organization_id');
    return ok(service.create(userId, organizationId, roleSlugOf(req)), 201);
  };
  const update: JsonHandler = (req) => {
    const roleSlug = roleSlugOf(req);
    return ok(
      roleSlug === undefined ? service.get(id(req)) : service.changeRole(id(req), roleSlug),
    );
  };
  const remove: JsonHandler = (req) => {
    service.remove(id(req));
    return { status: 200, body: null };
  };
  return {
    list,
    create,
    get: (req) => ok(service.get(id(req))),
    update,
    remove,
    deactivate: (req) => ok(service.deactivate(id(req))),
    reactivate: (req) => ok(service.reactivate(id(req))),
  };
}

/** The organization membership endpoints of production (`/user_management/organization_memberships…`). API key. */
export function membershipsRoutes(ctx: EmulatorContext, service: MembershipService): Router {
  const router = Router();
  const apiKey = requireApiKey(ctx.directory);
  const h = handlers(ctx, service);
  router.get(PATH, apiKey, jsonRoute(h.list));
  router.post(PATH, apiKey, jsonRoute(h.create, { cache: ctx.idempotency, scope: `POST ${PATH}` }));
  router.get(`${PATH}/:id`, apiKey, jsonRoute(h.get));
  router.put(`${PATH}/:id`, apiKey, jsonRoute(h.update));
  router.delete(`${PATH}/:id`, apiKey, jsonRoute(h.remove));
  router.put(`${PATH}/:id/deactivate`, apiKey, jsonRoute(h.deactivate));
  router.put(`${PATH}/:id/reactivate`, apiKey, jsonRoute(h.reactivate));
  return router;
}
