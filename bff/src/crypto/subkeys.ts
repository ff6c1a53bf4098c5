import { hkdfSync } from 'node:crypto';

/**
 * What a subkey of `WORKOS_COOKIE_PASSWORD` is for. Every use gets its own independent key, so no
 * value that leaves the server under one (the session cookie's signature) is key material for
 * another (the store lookup hashes, the per-session value key, the iron seals).
 */
export type SubkeyPurpose =
  'cookie-signing' | 'store-lookup' | 'session-value' | 'sealing' | 'sealing-key-id';

const SALT = 'gatehouse key separation';

/** The `purpose` subkey of a password: HKDF-SHA256, 32 bytes. */
export function subkey(password: string, purpose: SubkeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', password, SALT, `gatehouse/v2 ${purpose}`, 32));
}

/**
 * The server's passwords, newest first: the newest writes (signs, seals), every one reads.
 * Accepts one password or a list (`WORKOS_COOKIE_PASSWORD` + `WORKOS_COOKIE_PASSWORD_PREVIOUS`).
 */
export function passwordList(
  passwords: string | readonly string[],
): readonly [string, ...string[]] {
  const list = typeof passwords === 'string' ? [passwords] : [...passwords];
  if (list.length === 0) throw new Error('At least one password is needed');
  for (const password of list) {
    if (password.length < 32) throw new Error('Every password must be at least 32 characters');
  }
  return list as [string, ...string[]];
}

/**
 * express-session's `secret`: the cookie-signing subkey of each password, newest first
 * (express-session signs with the first and accepts a signature by any).
 */
export function cookieSigningSecrets(passwords: string | readonly string[]): string[] {
  return passwordList(passwords).map((p) => subkey(p, 'cookie-signing').toString('base64url'));
}
