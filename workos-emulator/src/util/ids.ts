import { randomBytes } from 'node:crypto';

/** Crockford base32, the ULID alphabet. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Returns a ULID (48-bit millisecond time + 80 random bits, Crockford base32), the shape of WorkOS ids.
 *
 * Hand-written because it is fifteen lines and the emulator keeps its dependency list short; the ids only need
 * to look like production's and be unique, not to be monotonic within a millisecond.
 */
export function ulid(timeMs: number = Date.now()): string {
  let time = Math.max(0, Math.floor(timeMs));
  let timePart = '';
  for (let i = 0; i < 10; i += 1) {
    timePart = ALPHABET.charAt(time % 32) + timePart;
    time = Math.floor(time / 32);
  }
  const random = randomBytes(16);
  let randomPart = '';
  for (let i = 0; i < 16; i += 1) {
    randomPart += ALPHABET.charAt((random[i] ?? 0) % 32);
  }
  return timePart + randomPart;
}

/** Returns `<prefix>_<ULID>`, e.g. `session_01J…`. */
export function prefixedId(prefix: string, timeMs?: number): string {
  return `${prefix}_${ulid(timeMs)}`;
}

/** Returns an unguessable opaque token (`bytes` random bytes, base64url). */
export function opaqueToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
