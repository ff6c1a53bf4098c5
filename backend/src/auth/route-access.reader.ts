import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  AccessCombine,
  Permissions,
  Roles,
  type AccessCombination,
  type AccessRule,
} from './decorators/access.decorators.js';
import { IS_PUBLIC_KEY } from './decorators/public.decorator.js';

/** Where `Reflector` looks: the handler first, then its class. */
type MetadataTargets = Parameters<Reflector['getAllAndOverride']>[1];

/** What a route's decorators ask of the caller (handler metadata overrides class metadata). */
export interface RouteAccess {
  /** `@Public()`. */
  readonly isPublic: boolean;
  /** `@Roles(...)`. */
  readonly roles: AccessRule | undefined;
  /** `@Permissions(...)`. */
  readonly permissions: AccessRule | undefined;
  /** `@AccessCombine(...)`, default `'both'`. */
  readonly combine: AccessCombination;
  /** True when `roles` or `permissions` is set. */
  readonly requiresScope: boolean;
}

/**
 * Reads a route's access metadata once per (controller class, handler) and keeps the answer, for
 * both global guards. Decorators write metadata when a class is defined, so it cannot change while
 * the app runs, and reading it through `Reflector` walks the metadata on every request. The class
 * is part of the key because a subclass inherits its parent's handlers but may carry other
 * class-level metadata.
 */
@Injectable()
export class RouteAccessReader {
  private readonly byClass = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(private readonly reflector: Reflector) {}

  /** The access rules of the route `context` is executing. */
  of(context: ExecutionContext): RouteAccess {
    const controller = context.getClass();
    const handler = context.getHandler();
    let byHandler = this.byClass.get(controller);
    if (byHandler === undefined) {
      byHandler = new WeakMap();
      this.byClass.set(controller, byHandler);
    }
    let access = byHandler.get(handler);
    if (access === undefined) {
      access = this.read([handler, controller]);
      byHandler.set(handler, access);
    }
    return access;
  }

  private read(list: MetadataTargets): RouteAccess {
    const roles = this.reflector.getAllAndOverride(Roles, list);
    const permissions = this.reflector.getAllAndOverride(Permissions, list);
    return Object.freeze({
      isPublic: this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, list) === true,
      roles,
      permissions,
      combine: this.reflector.getAllAndOverride(AccessCombine, list) ?? 'both',
      requiresScope: roles !== undefined || permissions !== undefined,
    });
  }
}
