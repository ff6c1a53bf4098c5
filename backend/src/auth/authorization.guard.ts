import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { InsufficientScopeException, InvalidTokenException } from './auth-error.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import type { AccessRule } from './decorators/access.decorators.js';
import { RouteAccessReader } from './route-access.reader.js';

/** True when `held` satisfies `rule`. */
export function satisfies(rule: AccessRule, held: readonly string[]): boolean {
  if (rule.anyOf) return rule.anyOf.some((value) => held.includes(value));
  return rule.allOf.every((value) => held.includes(value));
}

/**
 * Enforces `@Roles` and `@Permissions` (global, runs after JwtAuthGuard). Handler metadata
 * overrides class metadata (read once per route by {@link RouteAccessReader}). Roles and
 * permissions come only from the verified token; a token without the claim simply holds nothing
 * and gets 403.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(private readonly access: RouteAccessReader) {}

  canActivate(context: ExecutionContext): boolean {
    const { requiresScope, roles, permissions, combine } = this.access.of(context);
    if (!requiresScope) return true;

    const user = context.getArgByIndex<{ user?: AuthenticatedUser }>(0).user;
    if (!user) throw new InvalidTokenException('token_missing');

    // undefined: the route sets no such rule.
    const rolesMet = roles === undefined ? undefined : satisfies(roles, user.roles);
    const permissionsMet =
      permissions === undefined ? undefined : satisfies(permissions, user.permissions);
    const allowed =
      combine === 'either'
        ? rolesMet === true || permissionsMet === true
        : rolesMet !== false && permissionsMet !== false;
    if (!allowed) throw new InsufficientScopeException();
    return true;
  }
}
