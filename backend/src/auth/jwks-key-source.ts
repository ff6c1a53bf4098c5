import type { KeyObject } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { AppLogger } from '../logging/app-logger.js';
import { BACKEND_CONFIG } from '../config/config.tokens.js';
import type { BackendConfig } from '../config/backend-config.js';
import { CLOCK, type Clock } from '../clock.js';
import { ClientIdDriftWarner } from './client-id-drift.warner.js';
import { JwksFetchError, JwksKeySetLoader } from './jwks-key-set.loader.js';
import { KeyLookupError, KeySource, type KeySourceStatus } from './key-source.js';

/** Log context. */
const CONTEXT = 'JwksKeySource';

/**
 * Public keys from the WorkOS JWKS, parsed once into `KeyObject`s and cached per `kid`.
 *
 * What jwks-rsa does here: its `JwksClient` (through {@link JwksKeySetLoader}) downloads the JWKS
 * (`timeout` = the configured JWKS timeout, at most 5 s), parses the JSON, keeps the `sig` keys and
 * imports each JWK; `getSigningKeys()` returns them as PEM, which is converted once per fetch into a
 * `KeyObject` (RSA of at least 2048 bits, `alg` RS256 or absent; anything else is skipped).
 *
 * What is deliberately not used from jwks-rsa, and why:
 * - `passportJwtSecret` and `getSigningKey(kid)`: they hand passport-jwt a PEM string per verify,
 *   which is re-parsed on every request (about 6x slower than a cached `KeyObject`).
 * - its cache (`cache: false`): an LRU (5 entries by default) around `getSigningKey(kid)` that still
 *   serves PEM strings, sends every unknown kid to the network, and falls back to a stale key during
 *   an outage only within an extra time window; this class keeps the whole key set instead.
 * - its rate limiter (`rateLimit: false`): a token bucket shared by all kids, so a flood of forged
 *   kids drains it and a genuinely rotated key is then rejected until it refills.
 * Instead, an unknown kid triggers at most one fetch per cooldown (30 s; 5 s after a failed fetch);
 * fetches are single-flighted; a fetch replaces the whole key set, so the first fetch after a
 * rotation always finds the new key: a flood delays a rotated key by at most one cooldown.
 *
 * Kept on top of it as well: known keys stay in use while the JWKS is down (a failed fetch, or one
 * that yields no usable key, never empties the set), a background refresh once the set is older than
 * `maxAgeMs`, the client-id drift warning (404, or a kid missing after a fetch), the
 * `/health/ready` status.
 *
 * Errors: the loader maps jwks-rsa's rejections (a `JwksError` flagged `isEndpointUnavailable` for a
 * non-2xx status, socket errors, JSON `SyntaxError`s, a `JwksError` for a keyless JWKS) and its own
 * deadline onto one failed fetch; {@link getKey} then answers `unavailable` (503 `auth_unavailable`)
 * when no usable key is held and the last fetch failed, else `unknown_key` (401). jwks-rsa's
 * `SigningKeyNotFoundError` and `JwksRateLimitError` cannot occur: `getSigningKey(kid)` and the rate
 * limiter are not used. jwks-rsa keeps only the HTTP reason phrase of an error status, so the
 * client-id hint on 404 recognises "Not Found" / "Http Error 404".
 *
 * What jwks-rsa cannot honour, and how close this stays: it takes no `AbortSignal` and its timeout
 * only covers idle sockets, so the loader adds an overall deadline and destroys its own HTTP agent's
 * sockets on timeout and shutdown; it reads the whole response body with no size limit (the previous
 * hand-written fetcher refused more than 256 KB), which the deadline bounds in time but not in
 * bytes; the URL is operator configuration (https, or http on localhost only), not request input.
 */
@Injectable()
export class JwksKeySource extends KeySource implements OnModuleInit, OnModuleDestroy {
  private keys = new Map<string, KeyObject>();
  private fetchedAt: number | undefined;
  private lastAttemptAt: number | undefined;
  private lastAttemptOk = false;
  private inflight: Promise<void> | undefined;
  private readonly loader: JwksKeySetLoader;

  constructor(
    @Inject(BACKEND_CONFIG) private readonly config: BackendConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly drift: ClientIdDriftWarner,
    private readonly logger: AppLogger,
  ) {
    super();
    this.loader = new JwksKeySetLoader(config.jwksUrl, config.jwks.timeoutMs);
  }

  /** Warm the cache at boot without delaying or failing it. */
  onModuleInit(): void {
    void this.refresh();
  }

  /** Abort an in-flight fetch so closing the app is not delayed by a slow JWKS. */
  onModuleDestroy(): void {
    this.loader.close();
  }

  override async getKey(kid: string, options?: { allowFetch?: boolean }): Promise<KeyObject> {
    const known = this.keys.get(kid);
    if (known) {
      this.refreshInBackgroundIfStale();
      return known;
    }
    if (options?.allowFetch !== false) {
      const fetched = this.inflight ?? (this.cooldownPassed() ? this.refresh() : undefined);
      if (fetched) {
        await fetched;
        const found = this.keys.get(kid);
        if (found) return found;
        if (this.lastAttemptOk) this.drift.unknownKid(kid);
      }
    }
    if (this.keys.size === 0 && !this.lastAttemptOk) throw new KeyLookupError('unavailable');
    throw new KeyLookupError('unknown_key');
  }

  override async status(): Promise<KeySourceStatus> {
    if (this.keys.size === 0) {
      const pending = this.inflight ?? (this.cooldownPassed() ? this.refresh() : undefined);
      if (pending) await pending;
    }
    return { reachable: this.lastAttemptOk, keyCount: this.keys.size, fetchedAt: this.fetchedAt };
  }

  private cooldownPassed(): boolean {
    if (this.lastAttemptAt === undefined) return true;
    const { cooldownMs, retryAfterFailureMs } = this.config.jwks;
    const wait = this.lastAttemptOk ? cooldownMs : Math.min(cooldownMs, retryAfterFailureMs);
    return this.clock() - this.lastAttemptAt >= wait;
  }

  private refreshInBackgroundIfStale(): void {
    if (this.inflight || this.fetchedAt === undefined) return;
    if (this.clock() - this.fetchedAt < this.config.jwks.maxAgeMs) return;
    if (!this.cooldownPassed()) return;
    void this.refresh();
  }

  /** Single-flight: concurrent callers share one fetch. Never rejects. */
  private refresh(): Promise<void> {
    this.inflight ??= this.fetchKeys().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetchKeys(): Promise<void> {
    this.lastAttemptAt = this.clock();
    try {
      const keys = await this.loader.load();
      const retired = retiredKids(this.keys, keys);
      this.keys = keys;
      this.retire(retired);
      this.fetchedAt = this.clock();
      this.lastAttemptOk = true;
      this.logger.log(`Loaded ${keys.size} signing key(s) from ${this.config.jwksUrl}`, CONTEXT);
    } catch (error) {
      this.lastAttemptOk = false;
      const failure =
        error instanceof JwksFetchError ? error : new JwksFetchError('network', 'unknown error');
      const hint = failure.notFound
        ? `: WorkOS knows no client "${this.config.workosClientId}"; check WORKOS_CLIENT_ID (the BFF must use the same one)`
        : '';
      this.logger.warn(
        `JWKS fetch from ${this.config.jwksUrl} failed (${failure.message})${hint}; keeping ${this.keys.size} known key(s)`,
        CONTEXT,
      );
    }
  }
}

/** Kids of `before` that `after` lacks or maps to another key. */
function retiredKids(
  before: ReadonlyMap<string, KeyObject>,
  after: ReadonlyMap<string, KeyObject>,
): Set<string> {
  const retired = new Set<string>();
  for (const [kid, key] of before) {
    const next = after.get(kid);
    if (next === undefined || !next.equals(key)) retired.add(kid);
  }
  return retired;
}
