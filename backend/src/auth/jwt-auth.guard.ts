import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { BACKEND_CONFIG } from '../config/config.tokens.js';
import type { BackendConfig } from '../config/backend-config.js';
import { CLOCK, type Clock } from '../clock.js';
import { AuthHttpException, InvalidTokenException } from './auth-error.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { extractBearerToken } from './bearer-token.js';
import { JWT_STRATEGY, JwtStrategy, OPTIONAL_AUTH, type AuthRequest } from './jwt.strategy.js';
import { KeySource } from './key-source.js';
import { RouteAccessReader } from './route-access.reader.js';
import { verifiedKid } from './signing-key.resolver.js';
import { toAuthHttpException } from './verification-error.mapper.js';
import { VerifiedTokenCache } from './verified-token.cache.js';

/** Longer bearer values are refused without parsing. */
const MAX_TOKEN_LENGTH = 8 * 1024;

/**
 * The global guard (registered as `APP_GUARD` with `useExisting`, so tests can override it):
 * every route needs a valid WorkOS access token unless marked `@Public()`.
 *
 * Written as a plain guard around the strategy rather than `AuthGuard('jwt')`: Nest's AuthGuard
 * looks the strategy up in passport's process-wide registry (see `JwtStrategy`), and the
 * verified-token cache must be consulted before passport runs at all.
 *
 * Two paths:
 * - a token not seen before (or no longer cached) goes through `passport.authenticate` with the
 *   passport-jwt strategy: jwks-rsa keys, jsonwebtoken's RS256 signature, `iss`, `exp`/`nbf` with
 *   the clock tolerance, then the claims schema. Only a token that passed all of it is cached.
 * - a token equal to one that passed is answered from {@link VerifiedTokenCache} without entering
 *   passport (no signature to check again, no per-request strategy object, callbacks or promise).
 *   The cache serves an entry only while `nbf − tolerance <= now < exp` and while the key that
 *   verified it is in the JWKS (the key source announces retired kids), and `@CurrentUser`
 *   receives the very (deep-frozen) user object the full verification built. This path is
 *   synchronous: Nest awaits only guards that return a promise.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly cache: VerifiedTokenCache;

  constructor(
    private readonly access: RouteAccessReader,
    private readonly strategy: JwtStrategy,
    @Inject(CLOCK) clock: Clock,
    keys: KeySource,
    @Inject(BACKEND_CONFIG) config: BackendConfig,
  ) {
    this.cache = new VerifiedTokenCache(
      config.verifiedTokenCacheSize,
      clock,
      config.clockToleranceSeconds,
    );
    keys.onKeysRetired((kids) => this.cache.forgetKeys(kids));
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const { isPublic } = this.access.of(context);
    // HTTP arguments are [req, res, next]; read directly rather than through switchToHttp(),
    // which builds three closures per call.
    const req = context.getArgByIndex<AuthRequest>(0);
    req.user = undefined;
    const token = extractBearerToken(req);
    if (token === undefined) {
      if (isPublic) return true;
      throw new InvalidTokenException('token_missing');
    }
    const res = context.getArgByIndex<Response>(1);
    const cached = this.cache.get(token);
    if (cached !== undefined) return admit(req, res, cached, isPublic);
    return this.verify(token, req, res, isPublic);
  }

  /** The full verification path (see the class comment); caches the user it accepts. */
  private async verify(
    token: string,
    req: AuthRequest,
    res: Response,
    isPublic: boolean,
  ): Promise<boolean> {
    const generation = this.cache.generation;
    let user: AuthenticatedUser;
    try {
      user = await this.authenticate(token, req, res, isPublic);
    } catch (error) {
      if (isPublic && error instanceof AuthHttpException) return true;
      throw error;
    }
    this.cache.set(token, user, verifiedKid(token), generation);
    return admit(req, res, user, isPublic);
  }

  private authenticate(
    token: string,
    req: AuthRequest,
    res: Response,
    optional: boolean,
  ): Promise<AuthenticatedUser> {
    if (token.length > MAX_TOKEN_LENGTH) throw new InvalidTokenException('token_malformed');
    req[OPTIONAL_AUTH] = optional;
    return new Promise<AuthenticatedUser>((resolve, reject) => {
      const authenticate = this.strategy.passport.authenticate(
        JWT_STRATEGY,
        { session: false },
        (err: unknown, verified: AuthenticatedUser | false, info: unknown) => {
          if (verified) resolve(verified);
          else reject(toAuthHttpException(err ?? info));
        },
      ) as (req: AuthRequest, res: Response, next: (err?: unknown) => void) => void;
      authenticate(req, res, (err) => reject(toAuthHttpException(err)));
    });
  }
}

/** Attaches the verified user to the request. */
function admit(req: AuthRequest, res: Response, user: AuthenticatedUser, isPublic: boolean): true {
  req.user = user;
  // Answers computed for a verified caller must not be stored by shared caches.
  if (!isPublic) res.setHeader('Cache-Control', 'no-store');
  return true;
}
