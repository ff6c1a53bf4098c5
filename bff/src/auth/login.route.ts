import type { RequestHandler } from 'express';
import { z } from 'zod';

import { sendErrorPage } from '../http/errors.js';
import type { AuthRouterDeps } from './auth.router.js';
import { ORGANIZATION_ID } from './organization.route.js';
import { codeChallengeS256 } from './pkce.js';
import { sanitizeReturnTo } from './return-to.js';

const loginQuery = z.object({
  returnTo: z.unknown().optional(),
  screenHint: z.enum(['sign-in', 'sign-up']).optional(),
  loginHint: z
    .string()
    .trim()
    .min(1)
    .max(254)
    .regex(/^[^\s<>]+$/)
    .optional(),
  organizationId: z.string().regex(ORGANIZATION_ID).optional(),
});

/**
 * `GET /auth/login`: starts a sign-in. Sets the sealed login-transaction cookie (PKCE verifier,
 * `state`, where to return) and redirects to WorkOS AuthKit, passing on a screen hint, login hint
 * or organization. A bad parameter → 400 page.
 */
export function loginRoute({ config, workos, transactions }: AuthRouterDeps): RequestHandler[] {
  const login: RequestHandler = async (req, res) => {
    const query = loginQuery.safeParse(req.query);
    if (!query.success) {
      return sendErrorPage(
        res,
        400,
        'Bad sign-in request',
        'The sign-in link has an invalid parameter.',
      );
    }
    const { screenHint, loginHint, organizationId } = query.data;
    const tx = await transactions.begin(res, sanitizeReturnTo(query.data.returnTo));
    const url = workos.userManagement.getAuthorizationUrl({
      provider: 'authkit',
      redirectUri: config.redirectUri,
      state: tx.state,
      codeChallenge: codeChallengeS256(tx.codeVerifier),
      codeChallengeMethod: 'S256',
      ...(screenHint ? { screenHint } : {}),
      ...(loginHint ? { loginHint } : {}),
      ...(organizationId ? { organizationId } : {}),
    });
    res.set('Cache-Control', 'no-store').redirect(302, url);
  };
  return [login];
}
