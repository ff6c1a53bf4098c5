import { LRUCache } from 'lru-cache';

import type { Sealer } from '../crypto/seal.js';
import type { TokenPair } from '../session/session.types.js';

/** How many opened token pairs stay in memory (sessions active right now), and for how long. */
const OPENED_CACHE = { max: 1024, ttl: 5 * 60_000 } as const;

/**
 * Opens sealed token pairs, keeping recently opened ones by their seal (a Map lookup: cheaper than
 * any digest of it).
 * Opening an iron seal (two PBKDF2 derivations, an HMAC and AES-CBC, each a WebCrypto job on the
 * thread pool) costs more than the rest of a proxied request (bff/README.md, Numbers); a seal
 * always opens to the same pair, so the cache can never be stale, only bounded (LRU, 5 min:
 * plaintext tokens do not stay in memory for long after their session went quiet; the process
 * holds the sealing password anyway).
 */
export class OpenedTokens {
  private readonly opened = new LRUCache<string, TokenPair>(OPENED_CACHE);

  constructor(private readonly sealer: Sealer) {}

  /** The pair inside `sealed` (undefined when it cannot be opened); `remember: false` keeps it out of the cache. */
  async open(sealed: string, remember: boolean): Promise<TokenPair | undefined> {
    const cached = this.opened.get(sealed);
    if (cached) return cached;
    const pair = await this.sealer.unseal<TokenPair>(sealed);
    if (pair && remember) this.opened.set(sealed, pair);
    return pair;
  }
}
