import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { BACKEND_CONFIG } from '../config/config.tokens.js';
import type { BackendConfig } from '../config/backend-config.js';
import { AuthHttpException, InvalidTokenException } from './auth-error.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { extractBearerToken } from './bearer-token.js';
import { Clock } from './clock.js';
import { IS_PUBLIC_KEY } from './decorators/public.decorator.js';
import { JWT_STRATEGY, JwtStrategy, OPTIONAL_AUTH, type AuthRequest } from './jwt.strategy.js';
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
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly cache: VerifiedTokenCache;

  constructor(
    private readonly reflector: Reflector,
    private readonly strategy: JwtStrategy,
    clock: Clock,
    @Inject(BACKEND_CONFIG) config: BackendConfig,
  ) {
    this.cache = new VerifiedTokenCache(config.verifiedTokenCacheSize, () => clock.now());
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic =
      this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) === true;
    const http = context.switchToHttp();
    const req = http.getRequest<AuthRequest>();
    req.user = undefined;
    const token = extractBearerToken(req);
    if (token === undefined) {
      if (isPublic) return true;
      throw new InvalidTokenException('token_missing');
    }
    const res = http.getResponse<Response>();
    try {
      req.user = await this.authenticate(token, req, res, isPublic);
    } catch (error) {
      if (isPublic && error instanceof AuthHttpException) return true;
      throw error;
    }
    // Answers computed for a verified caller must not be stored by shared caches.
    if (!isPublic) res.setHeader('Cache-Control', 'no-store');
    return true;
  }

  private async authenticate(
    token: string,
    req: AuthRequest,
    res: Response,
    optional: boolean,
  ): Promise<AuthenticatedUser> {
    const cached = this.cache.get(token);
    if (cached) return cached;
    if (token.length > MAX_TOKEN_LENGTH) throw new InvalidTokenException('token_malformed');
    req[OPTIONAL_AUTH] = optional;
    const user = await new Promise<AuthenticatedUser>((resolve, reject) => {
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
    this.cache.set(token, user);
    return user;
  }
}
