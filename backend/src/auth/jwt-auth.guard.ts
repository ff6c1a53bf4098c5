import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { InvalidTokenException, rejectionException } from './auth-error.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { extractBearerToken } from './bearer-token.js';
import { RouteAccessReader } from './route-access.reader.js';
import { TokenVerifier } from './token-verifier.js';

type AuthRequest = Request & { user?: AuthenticatedUser };

/**
 * The global guard (`APP_GUARD` with `useExisting`, so tests can override it): every route needs
 * a valid WorkOS access token unless marked `@Public()`, where a valid token still sets the user
 * and an invalid one is ignored. A token {@link TokenVerifier} accepted before is answered
 * synchronously (Nest awaits only guards that return a promise).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly access: RouteAccessReader,
    private readonly verifier: TokenVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const { isPublic } = this.access.of(context);
    // HTTP arguments are [req, res, next]; switchToHttp() would build three closures per call.
    const req = context.getArgByIndex<AuthRequest>(0);
    req.user = undefined;
    const token = extractBearerToken(req);
    if (token === undefined) {
      if (isPublic) return true;
      throw new InvalidTokenException('token_missing');
    }
    const res = context.getArgByIndex<Response>(1);
    const user = this.verifier.verified(token);
    if (user !== undefined) return admit(req, res, user, isPublic);
    return this.verifyThenAdmit(token, req, res, isPublic);
  }

  private async verifyThenAdmit(
    token: string,
    req: AuthRequest,
    res: Response,
    isPublic: boolean,
  ): Promise<boolean> {
    const result = await this.verifier.verify(token, { allowFetch: !isPublic });
    if (result.user !== undefined) return admit(req, res, result.user, isPublic);
    if (isPublic) return true;
    throw rejectionException(result.failure);
  }
}

/** Attaches the verified user to the request. */
function admit(req: AuthRequest, res: Response, user: AuthenticatedUser, isPublic: boolean): true {
  req.user = user;
  // Answers computed for a verified caller must not be stored by shared caches.
  if (!isPublic) res.setHeader('Cache-Control', 'no-store');
  return true;
}
