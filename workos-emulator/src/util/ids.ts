import { createHash, randomBytes } from 'node:crypto';

/** Crockford base32, the ULID alphabet. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Returns a ULID (48-bit millisecond time + 80 random bits, Crockford base32), the shape of WorkOS ids.
 *
 * Hand-written because it is fifteen lines and the emulator keeps its dependency list short; these ids only need
 * to look like production's and be unique ({@link IdFactory} makes ids that must sort in creation order).
 */
export function ulid(timeMs: number = Date.now()): string {
  const random = randomBytes(16);
  let randomPart = '';
  for (let i = 0; i < 16; i += 1) {
    randomPart += ALPHABET.charAt((random[i] ?? 0) % 32);
  }
  return encodeTime(timeMs) + randomPart;
}

/** Returns `<prefix>_<ULID>`, e.g. `session_01J…`. */
export function prefixedId(prefix: string, timeMs?: number): string {
  return `${prefix}_${ulid(timeMs)}`;
}

/** Returns an unguessable opaque token (`bytes` random bytes, base64url). */
export function opaqueToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

function encodeTime(timeMs: number): string {
  let time = Math.max(0, Math.floor(timeMs));
  let out = '';
  for (let i = 0; i < 10; i += 1) {
    out = ALPHABET.charAt(time % 32) + out;
    time = Math.floor(time / 32);
  }
  return out;
}

/**
 * A ULID whose random part is derived from `key` (SHA-256): the same time and key always give the same id. Seeded
 * objects (memberships, roles, domains) get stable ids this way, identical across restarts and data dirs.
 */
export function stableId(prefix: string, timeMs: number, key: string): string {
  const digest = createHash('sha256').update(key, 'utf8').digest();
  let randomPart = '';
  for (let i = 0; i < 16; i += 1) randomPart += ALPHABET.charAt((digest[i] ?? 0) % 32);
  return `${prefix}_${encodeTime(timeMs)}${randomPart}`;
}

/**
 * Makes strictly increasing ULIDs (monotonic within a millisecond, and never going back when the clock does), so
 * objects created one after the other sort in creation order by id: lists and the events stream page by id.
 */
export class IdFactory {
  private lastTime = -1;
  private lastRandom: number[] = [];

  next(prefix: string, timeMs: number): string {
    const time = Math.floor(timeMs);
    if (time > this.lastTime) {
      this.lastTime = time;
      this.lastRandom = [...randomBytes(16)].map((b) => b % 32);
      // Leave headroom so increments within one millisecond never overflow.
      this.lastRandom[0] = (this.lastRandom[0] ?? 0) % 16;
    } else {
      this.increment();
    }
    return `${prefix}_${encodeTime(this.lastTime)}${this.lastRandom.map((d) => ALPHABET.charAt(d)).join('')}`;
  }

  private increment(): void {
    for (let i = this.lastRandom.length - 1; i >= 0; i -= 1) {
      const digit = (this.lastRandom[i] ?? 0) + 1;
      if (digit < 32) {
        this.lastRandom[i] = digit;
        return;
      }
      this.lastRandom[i] = 0;
    }
  }
}
