import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import passport from 'passport';
import { Strategy, type StrategyOptionsWithoutRequest } from 'passport-jwt';
import type { Request } from 'express';
import { BACKEND_CONFIG } from '../config/config.tokens.js';
import type { BackendConfig } from '../config/backend-config.js';
import { userFromClaims, type AuthenticatedUser } from './authenticated-user.js';
import { extractBearerToken } from './bearer-token.js';
import { ALLOWED_ALGORITHM, SigningKeyResolver } from './signing-key.resolver.js';
import { TokenRejection } from './token-rejection.js';

/** Passport strategy name, registered only in this app's own Passport instance. */
export const JWT_STRATEGY = 'workos-jwt';

/** Request flag set by the guard on `@Public()` routes: never wait on the JWKS there. */
export const OPTIONAL_AUTH = Symbol('gatehouse.optionalAuth');

/** A request that may carry the {@link OPTIONAL_AUTH} flag. */
export type AuthRequest = Request & { [OPTIONAL_AUTH]?: boolean; user?: AuthenticatedUser };

/**
 * passport-jwt over the WorkOS JWKS. Issuer and algorithms sit at the top level of the options:
 * passport-jwt overwrites `jsonWebTokenOptions.issuer/algorithms/audience` with the top-level
 * values (undefined when absent), so putting them only inside `jsonWebTokenOptions` silently
 * disables those checks.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  /** A Passport instance owned by this app (see {@link getPassportInstance}). */
  readonly passport: passport.PassportStatic;
  private readonly clientId: string;

  constructor(@Inject(BACKEND_CONFIG) config: BackendConfig, resolver: SigningKeyResolver) {
    const options: StrategyOptionsWithoutRequest = {
      jwtFromRequest: (req: Request) => extractBearerToken(req) ?? null,
      secretOrKeyProvider: (req: AuthRequest, rawJwtToken: string, done) => {
        resolver.resolve(rawJwtToken, req[OPTIONAL_AUTH] !== true).then(
          // jsonwebtoken 9 verifies with a KeyObject directly (no PEM round trip); the
          // passport-jwt typings only list string | Buffer.
          (key) => done(null, key as unknown as Buffer),
          (error: unknown) => done(error),
        );
      },
      issuer: [...config.issuers],
      algorithms: [ALLOWED_ALGORITHM],
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: config.clockToleranceSeconds },
    };
    super(options);
    this.clientId = config.workosClientId;
    this.passport = this.getPassportInstance();
  }

  /**
   * `@nestjs/passport` registers strategies in passport's process-wide singleton by name, so two
   * backends in one process (the BFF's tests, the e2e stack) would silently share whichever
   * strategy was built last. Each app gets its own Passport instance instead.
   */
  getPassportInstance(): passport.PassportStatic {
    const self = this as unknown as { ownPassport?: passport.PassportStatic };
    self.ownPassport ??= new passport.Passport() as passport.PassportStatic;
    return self.ownPassport;
  }

  /** Called with the verified payload; builds the user or rejects the claims. */
  validate(payload: Record<string, unknown>): AuthenticatedUser {
    const user = userFromClaims(payload, this.clientId);
    if (!user) throw new TokenRejection('claims_invalid');
    return user;
  }
}
