import { Router, type Request } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { requireApiKey } from '../http/api-key.middleware.js';
import { bodyObject, optionalField, requiredField, type Body } from '../http/body.js';
import { ApiError, invalidParameters } from '../http/errors.js';
import { type JsonHandler, jsonRoute } from '../http/json-route.js';
import { listParams, paginate } from '../http/list.js';
import { queryString } from '../http/query.js';
import type { InvitationService } from './invitation.service.js';
import type { InvitationRecord } from './invitation.store.js';
import { invitationObject } from './invitation.wire.js';

const PATH = '/user_management/invitations';

function integerField(body: Body, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw invalidParameters(`${name} must be an integer.`);
  }
  return value;
}

/** The handlers, one per endpoint; each answers production's invitation object or list. */
function handlers(
  ctx: EmulatorContext,
  service: InvitationService,
): Record<'list' | 'send' | 'byToken' | 'get' | 'revoke' | 'resend', JsonHandler> {
  const present = (i: InvitationRecord) => invitationObject(i, ctx.clock(), ctx.baseUrl());
  const ok = (i: InvitationRecord, status = 200) => ({ status, body: present(i) });
  const id = (req: Request) => String(req.params['id']);
  const list: JsonHandler = (req) => {
    const params = listParams(req.query);
    const email = queryString(req.query, 'email')?.trim().toLowerCase();
    const organizationId = queryString(req.query, 'organization_id');
    const page = paginate(ctx.invitations.list({ organizationId, email }), params);
    return { status: 200, body: { ...page, data: page.data.map(present) } };
  };
  const send: JsonHandler = (req) => {
    const body = bodyObject(req);
    const invitation = service.send({
      email: requiredField(body, 'email'),
      organizationId: optionalField(body, 'organization_id'),
      inviterUserId: optionalField(body, 'inviter_user_id'),
      roleSlug: optionalField(body, 'role_slug'),
      expiresInDays: integerField(body, 'expires_in_days'),
      locale: optionalField(body, 'locale'),
    });
    return ok(invitation, 201);
  };
  const byToken: JsonHandler = (req) => {
    const invitation = ctx.invitations.byToken(String(req.params['token']));
    if (invitation === undefined) {
      throw new ApiError(404, 'entity_not_found', 'Invitation not found.');
    }
    return ok(invitation);
  };
  return {
    list,
    send,
    byToken,
    get: (req) => ok(service.get(id(req))),
    revoke: (req) => ok(service.revoke(id(req))),
    resend: (req) => ok(service.resend(id(req), optionalField(bodyObject(req), 'locale'))),
  };
}

/** Production's invitation endpoints (`/user_management/invitations…`; no accept). API key. */
export function invitationsRoutes(ctx: EmulatorContext, service: InvitationService): Router {
  const router = Router();
  const apiKey = requireApiKey(ctx.directory);
  const h = handlers(ctx, service);
  const idempotent = (path: string) => ({ cache: ctx.idempotency, scope: `POST ${path}` });
  router.get(PATH, apiKey, jsonRoute(h.list));
  router.post(PATH, apiKey, jsonRoute(h.send, idempotent(PATH)));
  router.get(`${PATH}/by_token/:token`, apiKey, jsonRoute(h.byToken));
  router.get(`${PATH}/:id`, apiKey, jsonRoute(h.get));
  router.post(`${PATH}/:id/revoke`, apiKey, jsonRoute(h.revoke, idempotent(`${PATH}/:id/revoke`)));
  router.post(`${PATH}/:id/resend`, apiKey, jsonRoute(h.resend, idempotent(`${PATH}/:id/resend`)));
  return router;
}
