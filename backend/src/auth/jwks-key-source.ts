import { createPublicKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { z } from 'zod';
import { AppLogger } from '../logging/app-logger.js';
import { BACKEND_CONFIG } from '../config/config.tokens.js';
import type { BackendConfig } from '../config/backend-config.js';
import { ClientIdDriftWarner } from './client-id-drift.warner.js';
import { Clock } from './clock.js';
import { KeyLookupError, KeySource, type KeySourceStatus } from './key-source.js';

/** Log context. */
const CONTEXT = 'JwksKeySource';
/** A JWKS larger than this is refused (WorkOS serves a few keys, well under 10 KB). */
const MAX_JWKS_BYTES = 256 * 1024;
/** Keys shorter than this are not trusted. */
const MIN_RSA_MODULUS_BITS = 2048;

// Entries are checked one by one: an entry this backend cannot use is skipped (RFC 7517 §5).
const jwksSchema = z.object({ keys: z.array(z.unknown()).max(100) });
const rsaJwkSchema = z.object({
  kty: z.literal('RSA'),
  kid: z.string().min(1).max(256),
  n: z.string().min(1),
  e: z.string().min(1),
  use: z.literal('sig').optional(),
  alg: z.literal('RS256').optional(),
});

/**
 * Public keys from the WorkOS JWKS, parsed once into `KeyObject`s and cached per `kid`.
 *
 * Hand-written instead of jwks-rsa on purpose:
 * - jwks-rsa hands passport-jwt a PEM string per verify, which is re-parsed on every request
 *   (about 6x slower than a cached `KeyObject`); `node:crypto` parses a JWK natively, once.
 * - jwks-rsa's rate limiter is a token bucket shared by all kids: a flood of forged kids drains it
 *   and a genuinely rotated key is then rejected until it refills. Here an unknown kid triggers at
 *   most one fetch per cooldown (30 s; 5 s after a failed fetch); fetches are single-flighted; a
 *   fetch replaces the whole key set, so the first fetch after a rotation always finds the new key:
 *   a flood delays a rotated key by at most one cooldown, never longer.
 * - On a failed fetch the known keys are kept, so a JWKS outage does not log anyone out.
 */
@Injectable()
export class JwksKeySource extends KeySource implements OnModuleInit, OnModuleDestroy {
  private keys = new Map<string, KeyObject>();
  private fetchedAt: number | undefined;
  private lastAttemptAt: number | undefined;
  private lastAttemptOk = false;
  private inflight: Promise<void> | undefined;
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(BACKEND_CONFIG) private readonly config: BackendConfig,
    private readonly clock: Clock,
    private readonly drift: ClientIdDriftWarner,
    private readonly logger: AppLogger,
  ) {
    super();
  }

  /** Warm the cache at boot without delaying or failing it. */
  onModuleInit(): void {
    void this.refresh();
  }

  /** Abort an in-flight fetch so closing the app is not delayed by a slow JWKS. */
  onModuleDestroy(): void {
    this.shutdown.abort();
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
    return this.clock.now() - this.lastAttemptAt >= wait;
  }

  private refreshInBackgroundIfStale(): void {
    if (this.inflight || this.fetchedAt === undefined) return;
    if (this.clock.now() - this.fetchedAt < this.config.jwks.maxAgeMs) return;
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
    this.lastAttemptAt = this.clock.now();
    try {
      const keys = await this.download();
      this.keys = keys;
      this.fetchedAt = this.clock.now();
      this.lastAttemptOk = true;
      this.logger.log(`Loaded ${keys.size} signing key(s) from ${this.config.jwksUrl}`, CONTEXT);
    } catch (error) {
      this.lastAttemptOk = false;
      const reason = error instanceof Error ? error.message : 'unknown error';
      const hint =
        reason === 'HTTP 404'
          ? `: WorkOS knows no client "${this.config.workosClientId}"; check WORKOS_CLIENT_ID (the BFF must use the same one)`
          : '';
      this.logger.warn(
        `JWKS fetch from ${this.config.jwksUrl} failed (${reason})${hint}; keeping ${this.keys.size} known key(s)`,
        CONTEXT,
      );
    }
  }

  private async download(): Promise<Map<string, KeyObject>> {
    const response = await fetch(this.config.jwksUrl, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.any([
        AbortSignal.timeout(this.config.jwks.timeoutMs),
        this.shutdown.signal,
      ]),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > MAX_JWKS_BYTES) {
      await response.body?.cancel();
      throw new Error('response too large');
    }
    const text = await response.text();
    if (text.length > MAX_JWKS_BYTES) throw new Error('response too large');
    const parsed = jwksSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error('response is not a JWKS');
    return this.parseKeys(parsed.data.keys);
  }

  private parseKeys(jwks: readonly unknown[]): Map<string, KeyObject> {
    const keys = new Map<string, KeyObject>();
    for (const candidate of jwks) {
      const jwk = rsaJwkSchema.safeParse(candidate);
      if (!jwk.success) continue;
      try {
        const key = createPublicKey({
          key: { kty: 'RSA', n: jwk.data.n, e: jwk.data.e },
          format: 'jwk',
        });
        if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_MODULUS_BITS) continue;
        keys.set(jwk.data.kid, key);
      } catch {
        // An unparseable key is skipped; the others stay usable.
      }
    }
    return keys;
  }
}
