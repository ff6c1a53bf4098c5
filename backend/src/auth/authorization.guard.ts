import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { InsufficientScopeException, InvalidTokenException } from './auth-error.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import {
  AccessCombine,
  Permissions,
  Roles,
  type AccessRule,
} from './decorators/access.decorators.js';

/** True when `held` satisfies `rule`. */
export function satisfies(rule: AccessRule, held: readonly string[]): boolean {
  if (rule.anyOf) return rule.anyOf.some((value) => held.includes(value));
  return rule.allOf.every((value) => held.includes(value));
}

/**
 * Enforces `@Roles` and `@Permissions` (global, runs after JwtAuthGuard). Handler metadata
 * overrides class metadata. Roles and permissions come only from the verified token; a token
 * without the claim simply holds nothing and gets 403.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const roles = this.reflector.getAllAndOverride(Roles, targets);
    const permissions = this.reflector.getAllAndOverride(Permissions, targets);
    if (!roles && !permissions) return true;

    const user = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>().user;
    if (!user) throw new InvalidTokenException('token_missing');

    const checks: boolean[] = [];
    if (roles) checks.push(satisfies(roles, user.roles));
    if (permissions) checks.push(satisfies(permissions, user.permissions));
    const combine = this.reflector.getAllAndOverride(AccessCombine, targets) ?? 'both';
    const allowed = combine === 'either' ? checks.some(Boolean) : checks.every(Boolean);
    if (!allowed) throw new InsufficientScopeException();
    return true;
  }
}
