import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { Permissions, Roles } from '../../src/auth/decorators/access.decorators.js';
import { IS_PUBLIC_KEY } from '../../src/auth/decorators/public.decorator.js';

/** One controller route and whether `@Public()` applies to it. */
export interface RouteInfo {
  /** `GET /admin/me` */
  readonly route: string;
  readonly isPublic: boolean;
  /** `@Roles` or `@Permissions` applies (handler or class). */
  readonly requiresScope: boolean;
  readonly controller: string;
  readonly handler: string;
}

function joinPath(...parts: (string | undefined)[]): string {
  const joined = parts
    .flatMap((p) => (p ?? '').split('/'))
    .filter((p) => p.length > 0)
    .join('/');
  return `/${joined}`;
}

/** Every route of every controller in the app, with its effective `@Public()` flag. */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const modules = app.get(ModulesContainer);
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: RouteInfo[] = [];
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!controller) continue;
      const classPaths = [
        Reflect.getMetadata(PATH_METADATA, controller) as string | string[],
      ].flat();
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as () => unknown;
        const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as
          string | string[] | undefined;
        if (methodPath === undefined) continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
        const isPublic =
          reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [handler, controller]) ===
          true;
        const requiresScope =
          reflector.getAllAndOverride(Roles, [handler, controller]) !== undefined ||
          reflector.getAllAndOverride(Permissions, [handler, controller]) !== undefined;
        for (const base of classPaths) {
          for (const path of [methodPath].flat()) {
            routes.push({
              route: `${RequestMethod[method]} ${joinPath(base, path)}`,
              isPublic,
              requiresScope,
              controller: controller.name,
              handler: name,
            });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

/** Paths registered directly on the Express router (Nest controllers and anything else). */
export function listExpressPaths(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string } }[] };
  };
  return express.router.stack
    .map((layer) => layer.route?.path)
    .filter((p): p is string => typeof p === 'string');
}
