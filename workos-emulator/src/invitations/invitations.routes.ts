import { Router, type Request } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { requireApiKey } from '../http/api-key.middleware.js';
import { bodyObject, optionalField, requiredField, type Body } from '../http/body.js';
import { ApiError, invalidParameters } from '../http/errors.js';
import { jsonRoute } from '../http/json-route.js';
import { listParams, paginate } from '../http/list.js';
import { queryString } from '../http/query.js';
import type { InvitationService } from './invitation.service.js';
import type { InvitationRecord } from './invitation.store.js';
import { invitationObject } from './invitation.wire.js';

const PATH = '/user_management/invitations';

function integerField(body: Body, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw invalidParameters(`${name} must be an integer.`);
  return value;
}

/** Production's invitation endpoints (`/user_management/invitations…`; no accept). API key. */
export function invitationsRoutes(ctx: EmulatorContext, service: InvitationService): Router {
  const router = Router();
  const { directory, idempotency } = ctx;
  const apiKey = requireApiKey(directory);
  const present = (i: InvitationRecord) => invitationObject(i, ctx.clock(), ctx.baseUrl());
  const id = (req: Request) => String(req.params['id']);
  const idempotent = (scope: string) => ({ cache: idempotency, scope: `POST ${PATH}${scope}` });

  router.get(
    PATH,
    apiKey,
    jsonRoute((req) => {
      const params = listParams(req.query);
      const email = queryString(req.query, 'email')?.trim().toLowerCase();
      const organizationId = queryString(req.query, 'organization_id');
      const page = paginate(ctx.invitations.list({ organizationId, email }), params);
      return { status: 200, body: { ...page, data: page.data.map(present) } };
    }),
  );

  router.post(
    PATH,
    apiKey,
    jsonRoute((req) => {
      const body = bodyObject(req);
      const invitation = service.send({
        email: requiredField(body, 'email'),
        organizationId: optionalField(body, 'organization_id'),
        inviterUserId: optionalField(body, 'inviter_user_id'),
        roleSlug: optionalField(body, 'role_slug'),
        expiresInDays: integerField(body, 'expires_in_days'),
        locale: optionalField(body, 'locale'),
      });
      return { status: 201, body: present(invitation) };
    }, idempotent('')),
  );

  router.get(
    `${PATH}/by_token/:token`,
    apiKey,
    jsonRoute((req) => {
      const token = String(req.params['token']);
      const invitation = ctx.invitations.byToken(token);
      if (invitation === undefined)
        throw new ApiError(404, 'entity_not_found', 'Invitation not found.');
      return { status: 200, body: present(invitation) };
    }),
  );

  router.get(
    `${PATH}/:id`,
    apiKey,
    jsonRoute((req) => ({ status: 200, body: present(service.get(id(req))) })),
  );

  router.post(
    `${PATH}/:id/revoke`,
    apiKey,
    jsonRoute(
      (req) => ({ status: 200, body: present(service.revoke(id(req))) }),
      idempotent('/:id/revoke'),
    ),
  );

  router.post(
    `${PATH}/:id/resend`,
    apiKey,
    jsonRoute((req) => {
      const locale = optionalField(bodyObject(req), 'locale');
      return { status: 200, body: present(service.resend(id(req), locale)) };
    }, idempotent('/:id/resend')),
  );

  return router;
}
