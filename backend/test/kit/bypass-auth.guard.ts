import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { InvalidTokenException } from '../../src/auth/auth-error.js';
import type { AuthenticatedUser } from '../../src/auth/authenticated-user.js';
import { IS_PUBLIC_KEY } from '../../src/auth/decorators/public.decorator.js';

/** Header the bypass guard reads (test apps only; production has no such path). */
export const TEST_USER_HEADER = 'x-test-user';

/**
 * Stand-in for JwtAuthGuard in pure controller tests: the user comes from a test header set by
 * `testApp.as(claims)`. No token, no keys; `@Roles`/`@Permissions` and `@CurrentUser` still run.
 */
export class BypassAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const header = req.headers[TEST_USER_HEADER];
    if (typeof header === 'string') {
      req.user = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as AuthenticatedUser;
      return true;
    }
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets)) return true;
    throw new InvalidTokenException('token_missing');
  }
}
