import type { AuthErrorCode } from './auth-error.js';

/** The only algorithm WorkOS uses and the only one accepted. */
export const ALLOWED_ALGORITHM = 'RS256';
/** Longer bearer values are refused without parsing. */
const MAX_TOKEN_LENGTH = 8 * 1024;
/** Longer kids are never looked up. */
const MAX_KID_LENGTH = 256;
/** A base64url segment, as jws requires each part to be (the signature may be empty there). */
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** What the checks of a not yet verified token found: the kid to verify it with, or a failure. */
export type UnverifiedTokenCheck =
  | { readonly kid: string; readonly failure?: undefined }
  | { readonly failure: AuthErrorCode; readonly claimedIssuer?: unknown; readonly kid?: undefined };

const fail = (failure: AuthErrorCode): UnverifiedTokenCheck => ({ failure });

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  if (!BASE64URL.test(segment)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return value as Record<string, unknown>;
}

function isNumberOrAbsent(value: unknown): boolean {
  return value === undefined || typeof value === 'number';
}

/**
 * Checks a token before any key lookup; these checks only ever reject (the signature is
 * verified afterwards). A token with another shape, algorithm or issuer is refused without a JWKS fetch,
 * and everything jsonwebtoken would refuse for a reason other than the signature or the token's
 * lifetime is refused here with its own code. Header parameters such as `jku`, `jwk`, `x5u` and
 * `x5c` are never read: keys come only from the configured JWKS.
 */
export function checkUnverifiedToken(
  token: string,
  issuers: ReadonlySet<string>,
): UnverifiedTokenCheck {
  if (token.length > MAX_TOKEN_LENGTH) return fail('token_malformed');
  const parts = token.split('.');
  if (parts.length !== 3) return fail('token_malformed');
  const [headerPart, payloadPart, signature] = parts as [string, string, string];
  const header = decodeSegment(headerPart);
  const payload = decodeSegment(payloadPart);
  if (header === undefined || payload === undefined) return fail('token_malformed');
  if (header['alg'] !== ALLOWED_ALGORITHM) return fail('algorithm_not_allowed');
  const iss = payload['iss'];
  if (typeof iss !== 'string' || !issuers.has(iss)) {
    return { failure: 'issuer_mismatch', claimedIssuer: iss };
  }
  const kid = header['kid'];
  if (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_LENGTH) {
    return fail('unknown_key');
  }
  // An RS256 header over no signature is an unsigned token in disguise.
  if (signature === '') return fail('algorithm_not_allowed');
  if (!BASE64URL.test(signature)) return fail('token_malformed');
  if (!isNumberOrAbsent(payload['exp']) || !isNumberOrAbsent(payload['nbf'])) {
    return fail('claims_invalid');
  }
  return { kid };
}
