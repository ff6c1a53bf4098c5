import type { Clock } from '../clock.js';
import type { AuthenticatedUser } from './authenticated-user.js';

interface Entry {
  /** The whole token: a hit needs an exact match, the index key is only its tail. */
  readonly token: string;
  readonly user: AuthenticatedUser;
  /** The `kid` of the key that verified the token: the entry goes when that key is retired. */
  readonly kid: string;
  /** Milliseconds since the epoch from which the entry is dead (`exp`, no tolerance). */
  readonly expiresAtMs: number;
  /** Milliseconds since the epoch before which the entry is not served (`nbf` − tolerance). */
  readonly validFromMs: number;
}

/**
 * How many characters of the token's end index an entry: for a WorkOS RS256 token, the end of the
 * signature. Anything may share them, because a hit also needs the whole token to be equal.
 */
const INDEX_LENGTH = 32;

/**
 * LRU cache of tokens that passed full verification, so a session's repeats skip the RSA verify.
 * A hit needs the whole token to equal the verified one; the map is indexed by its tail only,
 * because hashing a whole ~800-character key on every request is the slow part (a token with the
 * same tail replaces the entry; only verified tokens are stored, so a forged one displaces none).
 * An entry is served only while `nbf − tolerance <= now < exp` (no tolerance on `exp`) and until
 * its key is retired from the JWKS. A `Map` keeps insertion order: a hit moves to the end,
 * eviction takes the first key. More: backend/README.md, "Token verification".
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();
  private retirements = 0;

  /**
   * @param maxEntries 0 disables the cache.
   * @param now the app's clock.
   * @param clockToleranceSeconds the tolerance full verification allows on `nbf`.
   */
  constructor(
    private readonly maxEntries: number,
    private readonly now: Clock,
    private readonly clockToleranceSeconds = 0,
  ) {}

  /** The cached user for exactly `token`, or undefined (dead entries are dropped). */
  get(token: string): AuthenticatedUser | undefined {
    const key = indexKey(token);
    const entry = this.entries.get(key);
    if (entry === undefined || entry.token !== token) return undefined;
    const now = this.now();
    this.entries.delete(key);
    if (now >= entry.expiresAtMs || now < entry.validFromMs) return undefined;
    this.entries.set(key, entry);
    return entry.user;
  }

  /**
   * Take this before a verification starts and hand it to {@link set}: a token whose key was
   * retired while it was being verified is then not stored.
   */
  get generation(): number {
    return this.retirements;
  }

  /**
   * Remember a token that passed full verification with the key `kid`, until its `exp`.
   *
   * @param generation {@link generation} when the verification started.
   */
  set(token: string, user: AuthenticatedUser, kid: string, generation = this.retirements): void {
    if (this.maxEntries <= 0 || generation !== this.retirements) return;
    const now = this.now();
    const expiresAtMs = user.expiresAt * 1000;
    const nbf = user.claims['nbf'];
    const validFromMs =
      typeof nbf === 'number' ? (nbf - this.clockToleranceSeconds) * 1000 : -Infinity;
    if (now >= expiresAtMs || now < validFromMs) return;
    const key = indexKey(token);
    const entry: Entry = { token, user, kid, expiresAtMs, validFromMs };
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  /** Drops every entry verified with one of `kids` (keys that left the JWKS). */
  forgetKeys(kids: ReadonlySet<string>): void {
    this.retirements += 1;
    for (const [key, entry] of this.entries) {
      if (kids.has(entry.kid)) this.entries.delete(key);
    }
  }

  /** Number of entries held (dead ones included until touched). */
  get size(): number {
    return this.entries.size;
  }
}

function indexKey(token: string): string {
  return token.length > INDEX_LENGTH ? token.slice(-INDEX_LENGTH) : token;
}
