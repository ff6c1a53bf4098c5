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
 * The WorkOS JWKS as one `KeyObject` per kid, fetched by jwks-rsa (see {@link JwksKeySetLoader}).
 * Each fetch replaces the whole set and announces the kids it retired; an unknown kid triggers at
 * most one fetch per cooldown, fetches are single-flighted, and known keys stay in use while the
 * JWKS is down or keyless (a stale set is refreshed in the background). jwks-rsa's `cache` and
 * `rateLimit` are off because they give neither behaviour: its cache holds each kid for
 * `cacheMaxAge` whatever the JWKS says since, and its rate limiter is one bucket for every kid, so a
 * forged-kid flood would lock a rotated key out. Why each: backend/README.md, "JWKS keys".
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
