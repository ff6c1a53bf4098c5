import express, { type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';

import type { BffConfig } from '../config/config.schema.js';
import { sendError } from '../http/errors.js';
import { clientContext } from '../http/client-context.js';
import { csrfGuard, rejectFormContentTypes } from '../http/request-guards.js';
import { destroySession, saveSession, sessionLabel } from '../session/session.helpers.js';
import { requireSession } from '../session/session.middleware.js';
import type { AuthRouterDeps } from './auth.router.js';
import type { OrganizationDirectory } from './organization-directory.js';
import { sendProblem, switchRefusal } from './organization-switch-errors.js';
import type { ClassifiedFailure } from './refresh-errors.js';
import { loadOrganizations, sessionBody } from './session-body.js';

/** A WorkOS organization id, as `GET /auth/login?organizationId=` accepts it. */
export const ORGANIZATION_ID = /^org_[A-Za-z0-9]{1,64}$/;

const switchRequest = z
  .object({
    organizationId: z
      .string({ error: 'is required' })
      .regex(ORGANIZATION_ID, { error: 'must be an organization id (org_…)' }),
  })
  .strict();

function sendInvalid(res: Response, errors: { field: string; message: string }[]): void {
  sendProblem(res, 400, 'invalid_request', 'The request is invalid.', { errors });
}

const parseJson = express.json({ limit: 1024 });

/** A JSON body (≤ 1 KiB); parse failures answer in the contract's 400 shape. */
const jsonBody: RequestHandler = (req, res, next) => {
  parseJson(req, res, (err?: unknown) => {
    if (err === undefined) return next();
    const status = (err as { status?: unknown }).status;
    if (status === 413) return sendError(res, 413, 'payload_too_large');
    if (status === 415) return sendError(res, 415, 'unsupported_media_type');
    sendInvalid(res, [{ field: 'body', message: 'must be a JSON object' }]);
  });
};

/** `/auth/login` for `organizationId`, back to the SPA's root (the old organization's pages do not apply). */
export function organizationSignInUrl(organizationId: string): string {
  return `/auth/login?${new URLSearchParams({ organizationId, returnTo: '/' }).toString()}`;
}

/** Logs and answers a refused switch (see `switchRefusal`). */
async function refuseSwitch(
  req: Request,
  res: Response,
  config: BffConfig,
  failure: ClassifiedFailure,
  organizationId: string,
): Promise<void> {
  const { kind, reason, status } = failure;
  const refusal = switchRefusal(failure);
  req.log.warn(
    { event: 'session.organization_switch_refused', kind, reason, status, answer: refusal.name },
    'organization switch refused',
  );
  if (refusal.endsSession) await destroySession(req, res, config, `switch_${reason}`);
  if (refusal.reloadOrganizations && req.session?.auth) req.session.auth.organizations = undefined;
  refusal.send(res, organizationSignInUrl(organizationId));
}

/** Switches (or, for the current organization, only answers) and answers the session. */
function switchHandler(
  deps: AuthRouterDeps & { readonly organizations: OrganizationDirectory },
): RequestHandler {
  const { config, refresher, organizations } = deps;
  return async (req: Request, res: Response) => {
    const auth = req.session.auth!;
    const organizationId = res.locals['organizationId'] as string;
    const from = auth.organizationId;
    if (organizationId !== from) {
      const outcome = await refresher.switchOrganization(
        auth,
        organizationId,
        clientContext(req),
        req.sessionID,
      );
      if (!outcome.ok) return refuseSwitch(req, res, config, outcome.failure, organizationId);
      // The session may have ended (logout elsewhere) while WorkOS answered: never write it back.
      if (req.session?.auth !== auth) return sendError(res, 401, 'session_expired');
      Object.assign(auth, outcome.auth);
      if (auth.organizationId !== organizationId) {
        // WorkOS answered for another organization (a replayed refresh token): the rotated pair
        // is kept, the switch did not happen.
        await saveSession(req);
        return sendError(res, 503, 'auth_unavailable', { retryable: true });
      }
      await loadOrganizations(req, organizations, { reload: true });
      await saveSession(req);
      req.log.info(
        {
          event: 'session.organization_switched',
          session: sessionLabel(req.sessionID),
          userId: auth.user.id,
          from,
          to: organizationId,
        },
        'organization switched',
      );
    } else {
      await loadOrganizations(req, organizations);
    }
    res.set('Cache-Control', 'no-store').json(sessionBody(auth, config));
  };
}

/**
 * `POST /auth/organization { organizationId }`: switches the session to another organization of
 * the user by a refresh with `organizationId` (through the TokenRefresher, so it never spends a
 * refresh token an ordinary refresh is spending). CSRF-guarded like sign-out-everywhere; each
 * switch counts against the session's refresh budget. Success answers the session (as
 * `GET /auth/session`); a refusal leaves the session's tokens, organization and claims as they
 * were (see `organization-switch-errors.ts` for the answers).
 */
export function organizationRoute(
  deps: AuthRouterDeps & { readonly organizations: OrganizationDirectory },
): RequestHandler[] {
  const { config, activity } = deps;

  const validate: RequestHandler = (req, res, next) => {
    const parsed = switchRequest.safeParse(req.body);
    if (parsed.success) {
      res.locals['organizationId'] = parsed.data.organizationId;
      return next();
    }
    sendInvalid(
      res,
      parsed.error.issues.map((issue) => ({
        field: issue.path.length > 0 ? issue.path.join('.') : 'body',
        message: issue.message,
      })),
    );
  };

  return [
    csrfGuard(config.publicOrigin),
    requireSession,
    rejectFormContentTypes(),
    jsonBody,
    validate,
    activity,
    switchHandler(deps),
  ];
}
