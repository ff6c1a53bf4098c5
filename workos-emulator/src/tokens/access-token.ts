import { SignJWT } from 'jose';
import type { KeyStore } from '../keys/key.store.js';
import type { OrgClaims } from '../seed/directory.js';
import { ulid } from '../util/ids.js';

/** What goes into one access token. */
export interface AccessTokenInput {
  issuer: string;
  userId: string;
  sessionId: string;
  /** `iat` in seconds since the epoch. */
  issuedAt: number;
  ttlSeconds: number;
  org?: OrgClaims | undefined;
  /** Email of an impersonating admin (the `act.sub` claim). */
  impersonatorEmail?: string | undefined;
}

/**
 * Signs an RS256 access token with production's claims: `iss sub sid jti iat exp`, plus `act` while impersonating and
 * `org_id role roles permissions entitlements feature_flags` for organization sessions. No `aud`, no email (as in
 * production).
 */
export async function signAccessToken(keys: KeyStore, input: AccessTokenInput): Promise<string> {
  const { kid, privateKey } = keys.signingKey();
  const claims: Record<string, unknown> = { sid: input.sessionId };
  if (input.impersonatorEmail !== undefined) claims['act'] = { sub: input.impersonatorEmail };
  if (input.org !== undefined) Object.assign(claims, input.org);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuer(input.issuer)
    .setSubject(input.userId)
    .setJti(ulid(input.issuedAt * 1000))
    .setIssuedAt(input.issuedAt)
    .setExpirationTime(input.issuedAt + input.ttlSeconds)
    .sign(privateKey);
}
