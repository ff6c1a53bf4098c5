import { createHash } from 'node:crypto';
import type { AuthorizationCodeStore } from '../authorize/authorization-code.store.js';
import type { Directory } from '../seed/directory.js';
import type { AuthenticateResponseBody, SessionService } from '../sessions/session.service.js';
import { OAuthError } from '../http/errors.js';
import { safeEqual } from '../util/hash.js';
import { type RequestBody, optionalString, requiredString } from './body-fields.js';
import { authenticateClient } from './client-auth.js';

/** Collaborators of the code grant. */
export interface CodeGrantDeps {
  directory: Directory;
  codes: AuthorizationCodeStore;
  sessions: SessionService;
}

/** RFC 7636 S256: base64url(SHA-256(verifier)). */
function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * `grant_type=authorization_code`: the client proves itself with `client_secret` and/or `code_verifier`; a stored
 * challenge is always verified. The code is single-use, bound to its client, and expires after 10 minutes.
 */
export async function authorizationCodeGrant(
  deps: CodeGrantDeps,
  body: RequestBody,
): Promise<AuthenticateResponseBody> {
  const { client, secretVerified } = authenticateClient(
    deps.directory,
    optionalString(body, 'client_id'),
    optionalString(body, 'client_secret'),
  );
  const code = requiredString(body, 'code');
  const verifier = optionalString(body, 'code_verifier');
  if (!secretVerified && verifier === undefined) {
    throw new OAuthError('invalid_client', 'Either client_secret or code_verifier is required.');
  }
  const grant = deps.codes.peek(code);
  if (grant === undefined || grant.clientId !== client.id) {
    throw new OAuthError('invalid_grant', 'The code is invalid, expired or already used.');
  }
  if (grant.codeChallenge !== null) {
    if (verifier === undefined)
      throw new OAuthError('invalid_grant', 'code_verifier is required for this code.');
    if (!safeEqual(s256(verifier), grant.codeChallenge)) {
      throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge.');
    }
  } else if (!secretVerified) {
    throw new OAuthError(
      'invalid_grant',
      'The code was not issued with a code_challenge; client_secret is required.',
    );
  }
  const user = deps.directory.user(grant.userId);
  if (user === undefined)
    throw new OAuthError('invalid_grant', 'The user of this code no longer exists.');
  // Consumed synchronously after every check and before any await: two concurrent exchanges cannot both pass.
  if (!deps.codes.consume(code))
    throw new OAuthError('invalid_grant', 'The code is invalid, expired or already used.');
  const { body: response } = await deps.sessions.startSession({
    user,
    clientId: client.id,
    organizationId: grant.organizationId,
    authenticationMethod: grant.authenticationMethod,
    impersonator: grant.impersonator ?? undefined,
    ipAddress: optionalString(body, 'ip_address')?.slice(0, 64) ?? grant.ipAddress,
    userAgent: optionalString(body, 'user_agent')?.slice(0, 512) ?? grant.userAgent,
  });
  return response;
}
