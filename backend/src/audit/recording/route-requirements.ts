import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import {
  AccessCombine,
  Permissions,
  Roles,
  type AccessCombination,
  type AccessRule,
  type AuthenticatedUser,
} from '../../auth/index.js';

/** What one route asks of its callers (`@Roles`, `@Permissions`, `@AccessCombine`). */
interface RouteRule {
  readonly roles: AccessRule | undefined;
  readonly permissions: AccessRule | undefined;
  readonly combine: AccessCombination;
}

function joinPath(...parts: string[]): string {
  return `/${parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment.length > 0)
    .join('/')}`;
}

/** `role:admin`, `permission:a or permission:b` (anyOf), `permission:a and permission:b` (allOf, unmet only). */
function unmet(kind: 'role' | 'permission', rule: AccessRule, held: readonly string[]): string {
  if (rule.anyOf) {
    if (rule.anyOf.some((value) => held.includes(value))) return '';
    return rule.anyOf.map((value) => `${kind}:${value}`).join(' or ');
  }
  return rule.allOf
    .filter((value) => !held.includes(value))
    .map((value) => `${kind}:${value}`)
    .join(' and ');
}

/**
 * The roles and permissions of every controller route, keyed like the denial's route
 * (`GET /audit/:id`), read once from the decorators' metadata, so a 403 can be recorded with what
 * the caller lacked without touching the guards.
 */
@Injectable()
export class RouteRequirements {
  private rules: Map<string, RouteRule> | undefined;

  constructor(
    private readonly modules: ModulesContainer,
    private readonly reflector: Reflector,
  ) {}

  /** What `user` lacks for `route`; empty when the route or the user is unknown. */
  missing(route: string, user: AuthenticatedUser | undefined): string {
    const rule = (this.rules ??= this.read()).get(route);
    if (!rule || !user) return '';
    const parts = [
      rule.roles ? unmet('role', rule.roles, user.roles) : '',
      rule.permissions ? unmet('permission', rule.permissions, user.permissions) : '',
    ].filter((part) => part.length > 0);
    return parts.join(rule.combine === 'either' ? ' or ' : ' and ');
  }

  private read(): Map<string, RouteRule> {
    const scanner = new MetadataScanner();
    const rules = new Map<string, RouteRule>();
    for (const module of this.modules.values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as (new (...args: unknown[]) => object) | null;
        if (!controller) continue;
        const bases = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[]].flat();
        for (const name of scanner.getAllMethodNames(controller.prototype as object)) {
          const handler = (controller.prototype as Record<string, () => unknown>)[name];
          if (!handler) continue;
          const paths = Reflect.getMetadata(PATH_METADATA, handler) as
            string | string[] | undefined;
          if (paths === undefined) continue;
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
          const targets = [handler, controller];
          const rule: RouteRule = {
            roles: this.reflector.getAllAndOverride(Roles, targets),
            permissions: this.reflector.getAllAndOverride(Permissions, targets),
            combine: this.reflector.getAllAndOverride(AccessCombine, targets) ?? 'both',
          };
          for (const base of bases) {
            for (const path of [paths].flat()) rules.set(`${method} ${joinPath(base, path)}`, rule);
          }
        }
      }
    }
    return rules;
  }
}
