import type { Request } from 'express';
import { Strategy, type VerifiedCallback } from 'passport-jwt';
import type { BackendConfig } from '../config/backend-config.js';
import type { VerificationFailure } from './auth-error.js';
import { userFromClaims, type AuthenticatedUser } from './authenticated-user.js';
import { KeyLookupError, type KeySource } from './key-source.js';
import { ALLOWED_ALGORITHM } from './unverified-token.js';
import { TokenRejection, type VerificationResult } from './verification-result.js';

/** What the strategy authenticates: a token whose unverified header named `kid`. */
export interface KeyedToken {
  readonly token: string;
  readonly kid: string;
  /** False on public routes: use cached keys only, never wait on the JWKS. */
  readonly allowFetch: boolean;
}

/**
 * passport-jwt over the {@link KeySource}: jsonwebtoken checks the RS256 signature, `iss` and
 * `exp`/`nbf` (with the clock tolerance), then the claims schema builds the user. Issuer and
 * algorithms sit at the top level of the options: passport-jwt overwrites
 * `jsonWebTokenOptions.issuer/algorithms/audience` with the top-level values (undefined when
 * absent), so putting them only inside `jsonWebTokenOptions` silently disables those checks.
 * Never registered with Passport: {@link check} runs it as `passport.authenticate` would.
 */
export class WorkosJwtStrategy extends Strategy {
  constructor(config: BackendConfig, keys: KeySource) {
    super(
      {
        jwtFromRequest: (input: KeyedToken) => input.token,
        secretOrKeyProvider: (input: KeyedToken, _token: string, done) => {
          keys.getKey(input.kid, { allowFetch: input.allowFetch }).then(
            // jsonwebtoken 9 verifies with a KeyObject directly; the typings list string | Buffer.
            (key) => done(null, key as unknown as Buffer),
            (error: unknown) => done(keyLookupRejection(error)),
          );
        },
        issuer: [...config.issuers],
        algorithms: [ALLOWED_ALGORITHM],
        ignoreExpiration: false,
        jsonWebTokenOptions: { clockTolerance: config.clockToleranceSeconds },
      },
      (payload: Record<string, unknown>, done: VerifiedCallback) => {
        const user = userFromClaims(payload, config.workosClientId);
        if (user) done(null, user);
        else done(null, false, new TokenRejection('claims_invalid'));
      },
    );
  }

  /**
   * Verifies one token the way `passport.authenticate` runs a strategy: on a per-attempt object
   * given the `success`/`fail`/`error` actions. Rejects only on a bug (a 500, not a hidden 401).
   */
  check(input: KeyedToken): Promise<VerificationResult> {
    return new Promise<VerificationResult>((resolve, reject) => {
      const attempt = Object.create(this) as WorkosJwtStrategy;
      attempt.success = (user: AuthenticatedUser) => resolve({ user });
      attempt.fail = (reason: unknown) => {
        const failure = failureOf(reason);
        if (failure === undefined) reject(asError(reason));
        else resolve({ failure });
      };
      attempt.error = reject;
      // passport-jwt hands the "request" only to our jwtFromRequest and secretOrKeyProvider.
      attempt.authenticate(input as unknown as Request);
    });
  }
}

function keyLookupRejection(error: unknown): unknown {
  if (!(error instanceof KeyLookupError)) return error;
  return new TokenRejection(error.reason === 'unavailable' ? 'auth_unavailable' : 'unknown_key');
}

/** A refusal by the key source, jsonwebtoken (told apart by error name) or the claims schema. */
function failureOf(reason: unknown): VerificationFailure | undefined {
  if (reason instanceof TokenRejection) return reason.failure;
  if (!(reason instanceof Error)) return undefined;
  switch (reason.name) {
    case 'TokenExpiredError':
      return 'token_expired';
    case 'NotBeforeError':
      return 'token_not_yet_valid';
    case 'JsonWebTokenError':
      // Shape, algorithm, issuer and claim types were checked before the key lookup
      // (checkUnverifiedToken): what jsonwebtoken still refuses is the signature.
      return 'signature_invalid';
    default:
      return undefined;
  }
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error('passport-jwt failed without a reason');
}
