import type { RequestHandler } from 'express';

import { csrfGuard } from '../http/request-guards.js';
import { requireSession } from '../session/session.middleware.js';
import type { AuthRouterDeps } from './auth.router.js';
import type { OrganizationDirectory } from './organization-directory.js';
import { loadOrganizations, sessionBody } from './session-body.js';

/**
 * `GET /auth/session[?slide=false]`: the signed-in user, organization(s), claims and deadlines
 * (see `session-body.ts`), never a token; 401 without a session. `slide=false` (the SPA's
 * polling) does not extend the idle deadline.
 */
export function sessionRoute(
  deps: AuthRouterDeps & { readonly organizations: OrganizationDirectory },
): RequestHandler[] {
  const { config, organizations, activity } = deps;
  const answer: RequestHandler = async (req, res) => {
    const auth = req.session.auth!;
    await loadOrganizations(req, organizations);
    res.set('Cache-Control', 'no-store').json(sessionBody(auth, config));
  };
  return [csrfGuard(config.publicOrigin), activity, requireSession, answer];
}
