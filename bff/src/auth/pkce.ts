import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url (43 characters). Used for `state` and the PKCE verifier. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The S256 code challenge of a PKCE verifier (RFC 7636 §4.2). */
export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
