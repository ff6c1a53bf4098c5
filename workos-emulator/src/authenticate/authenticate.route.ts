import { Router } from 'express';
import type { EmulatorContext } from '../emulator.context.js';
import { OAuthError } from '../http/errors.js';
import type { StoredResponse } from '../http/idempotency.js';
import { authorizationCodeGrant } from './authorization-code.grant.js';
import type { RequestBody } from './body-fields.js';

/** WorkOS grants the SDK knows but the emulator does not implement (answered `invalid_request`: the OpenAPI document has no `unsupported_grant_type`). */
const NOT_EMULATED = new Set([
  'password',
  'urn:workos:oauth:grant-type:magic-auth:code',
  'urn:workos:oauth:grant-type:mfa-totp',
  'urn:workos:oauth:grant-type:email-verification:code',
  'urn:workos:oauth:grant-type:organization-selection',
  'urn:ietf:params:oauth:grant-type:device_code',
]);

/** `POST /user_management/authenticate`: the `authorization_code` and `refresh_token` grants. */
export function authenticateRoute(ctx: EmulatorContext): Router {
  const router = Router();

  async function dispatch(body: RequestBody): Promise<StoredResponse> {
    try {
      const grantType = body['grant_type'];
      if (grantType === undefined || grantType === null || grantType === '') {
        throw new OAuthError('invalid_request', 'grant_type is required.');
      }
      if (typeof grantType !== 'string')
        throw new OAuthError('invalid_request', 'grant_type must be a string.');
      if (grantType === 'authorization_code') {
        return { status: 200, body: await authorizationCodeGrant(ctx, body) };
      }
      if (grantType === 'refresh_token')
        return { status: 200, body: await ctx.refreshGrant.handle(body) };
      const reason = NOT_EMULATED.has(grantType)
        ? 'is not supported by the emulator'
        : 'is not a supported grant type';
      throw new OAuthError('invalid_request', `grant_type "${grantType}" ${reason}.`);
    } catch (error) {
      if (error instanceof OAuthError) return { status: error.status, body: error.toBody() };
      throw error;
    }
  }

  router.post('/user_management/authenticate', async (req, res) => {
    const raw: unknown = req.body;
    if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
      throw new OAuthError('invalid_request', 'The request body must be a JSON object.');
    }
    const body = (raw ?? {}) as RequestBody;
    const key = req.get('idempotency-key');
    const result =
      key === undefined || key === ''
        ? await dispatch(body)
        : await ctx.idempotency.run('authenticate', key, () => dispatch(body));
    // Token responses must not be cached (RFC 6749 §5.1).
    res.set('Cache-Control', 'no-store').status(result.status).json(result.body);
  });

  return router;
}
