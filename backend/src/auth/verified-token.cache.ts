import type { AuthenticatedUser } from './authenticated-user.js';

interface Entry {
  readonly user: AuthenticatedUser;
  /** Milliseconds since the epoch after which the entry is dead. */
  readonly expiresAtMs: number;
}

/**
 * LRU cache of tokens that already passed full verification, keyed by the whole token string, so a
 * session's repeated requests skip the RSA verify. An entry never outlives the token's `exp`
 * (clock tolerance is not extended to cached entries). A `Map` keeps insertion order, which gives
 * LRU for free: a hit is re-inserted at the end, eviction takes the first key.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  /** The cached user for `token`, or undefined (expired entries are dropped). */
  get(token: string): AuthenticatedUser | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (this.now() >= entry.expiresAtMs) return undefined;
    this.entries.set(token, entry);
    return entry.user;
  }

  /** Remember a verified token until its `exp`. */
  set(token: string, user: AuthenticatedUser): void {
    if (this.maxEntries <= 0) return;
    const expiresAtMs = user.expiresAt * 1000;
    if (this.now() >= expiresAtMs) return;
    this.entries.delete(token);
    this.entries.set(token, { user, expiresAtMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  /** Number of entries held (expired ones included until touched). */
  get size(): number {
    return this.entries.size;
  }
}
