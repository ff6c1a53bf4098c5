import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../clock.js';
import type { BackendConfig } from '../config/backend-config.js';
import { BACKEND_CONFIG } from '../config/config.tokens.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { ClientIdDriftWarner } from './client-id-drift.warner.js';
import { KeySource, type KeySourceStatus } from './key-source.js';
import { checkUnverifiedToken } from './unverified-token.js';
import type { VerificationResult } from './verification-result.js';
import { VerifiedTokenCache } from './verified-token.cache.js';
import { WorkosJwtStrategy } from './workos-jwt.strategy.js';

/**
 * Told of each token {@link TokenVerifier.verify} verified in full (not of cache hits). Runs on the
 * request's path: it must be synchronous, O(1) and must not throw (a throw is swallowed).
 */
export type VerifiedTokenObserver = (user: AuthenticatedUser) => void;

/**
 * Verifies WorkOS access tokens: the one place that holds the keys, checks signatures and claims,
 * and caches verified tokens. A token is first checked unverified (shape, RS256, issuer, kid; no
 * JWKS fetch for one that fails), then by passport-jwt with the key source's key and the claims
 * schema. A verified token is cached until its `exp` or until its key leaves the JWKS, so its
 * repeats are answered synchronously. See backend/README.md, "Token verification".
 */
@Injectable()
export class TokenVerifier {
  private readonly issuers: ReadonlySet<string>;
  private readonly strategy: WorkosJwtStrategy;
  private readonly cache: VerifiedTokenCache;
  private observer: VerifiedTokenObserver | undefined;

  constructor(
    @Inject(BACKEND_CONFIG) config: BackendConfig,
    @Inject(CLOCK) clock: Clock,
    private readonly keys: KeySource,
    private readonly drift: ClientIdDriftWarner,
  ) {
    this.issuers = new Set(config.issuers);
    this.strategy = new WorkosJwtStrategy(config, keys);
    this.cache = new VerifiedTokenCache(
      config.verifiedTokenCacheSize,
      clock,
      config.clockToleranceSeconds,
    );
    keys.onKeysRetired((kids) => this.cache.forgetKeys(kids));
  }

  /**
   * Sets the one observer of fully verified tokens (the audit trail's organization switches);
   * undefined removes it. Cache hits are not observed: they cost what they cost without one.
   */
  observeVerified(observer: VerifiedTokenObserver | undefined): void {
    this.observer = observer;
  }

  /** The user of a token {@link verify} accepted before, while still valid; synchronous. */
  verified(token: string): AuthenticatedUser | undefined {
    return this.cache.get(token);
  }

  /**
   * Verifies a token in full unless it is cached. Refusals are results; the promise rejects only
   * on a bug.
   *
   * @param options.allowFetch false on public routes: use known keys only, never wait on the JWKS.
   */
  async verify(token: string, options: { allowFetch: boolean }): Promise<VerificationResult> {
    const cached = this.cache.get(token);
    if (cached !== undefined) return { user: cached };
    const unverified = checkUnverifiedToken(token, this.issuers);
    if (unverified.failure !== undefined) {
      if (unverified.failure === 'issuer_mismatch') {
        this.drift.issuerMismatch(unverified.claimedIssuer);
      }
      return { failure: unverified.failure };
    }
    const { kid } = unverified;
    const generation = this.cache.generation;
    const result = await this.strategy.check({ token, kid, allowFetch: options.allowFetch });
    if (result.user !== undefined) {
      this.cache.set(token, result.user, kid, generation);
      this.notify(result.user);
    }
    return result;
  }

  /** An observer never fails or delays the request whose token it is told of. */
  private notify(user: AuthenticatedUser): void {
    if (this.observer === undefined) return;
    try {
      this.observer(user);
    } catch {
      // The observer counts its own losses; the request goes on.
    }
  }

  /** What `/health/ready` and `/admin/overview` report about the signing keys. */
  keyStatus(): Promise<KeySourceStatus> {
    return this.keys.status();
  }
}
