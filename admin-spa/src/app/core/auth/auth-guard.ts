import { inject } from '@angular/core';
import { type CanMatchFn, RedirectCommand, Router, type UrlSegment } from '@angular/router';

import { AuthSession } from './auth-session';

/** The URL being navigated to, as a path (e.g. `/admin?tab=1`). */
function attemptedPath(router: Router, segments: UrlSegment[] = []): string {
  const target = router.currentNavigation()?.extractedUrl;
  if (target) return router.serializeUrl(target);
  return `/${segments.map((segment) => segment.path).join('/')}`;
}

/**
 * Renders `path` while the address bar shows the URL that was asked for, so a reload or "sign in
 * again" comes back to it.
 */
function showInPlace(
  router: Router,
  path: string,
  attempted: string,
  returnTo?: string,
): RedirectCommand {
  const url = router.parseUrl(path);
  if (returnTo !== undefined) url.queryParams = { returnTo };
  return new RedirectCommand(url, { browserUrl: attempted });
}

/**
 * Lets only a signed-in session match the app's routes, so anonymous visitors never load their
 * lazy chunks. Anonymous (or expired) visitors are sent to sign in, returning to the URL they
 * asked for; if the BFF cannot be reached they see "service unavailable" instead.
 */
export const authGuard: CanMatchFn = async (_route, segments) => {
  const session = inject(AuthSession);
  const router = inject(Router);
  // After a failed first check, check again; otherwise use the current status (not the first
  // answer: the session may have expired or ended since).
  let status = session.status();
  if (status === 'unavailable') {
    status = await session.refresh({ slide: false });
  } else {
    await session.ensureLoaded();
    status = session.status();
  }
  const returnTo = attemptedPath(router, segments);
  switch (status) {
    case 'authenticated':
      return true;
    case 'unavailable':
      return showInPlace(router, '/unavailable', returnTo, returnTo);
    default:
      return showInPlace(router, '/sign-in', returnTo, returnTo);
  }
};

/** Who may open a route: any one of `roles` or any one of `permissions` is enough. */
export interface AccessRule {
  readonly roles?: readonly string[];
  readonly permissions?: readonly string[];
}

/** Whether the current session satisfies `rule` (the same "any of" logic as the backend). */
export function hasAccess(session: AuthSession, rule: AccessRule): boolean {
  return (
    (rule.roles ?? []).some((role) => session.hasRole(role)) ||
    (rule.permissions ?? []).some((permission) => session.hasPermission(permission))
  );
}

/**
 * Allows a route only to sessions that satisfy `rule`; others see the Forbidden page at the same
 * URL, and the route's lazy chunk is never loaded for them. Use after `authGuard`.
 */
export function accessGuard(rule: AccessRule): CanMatchFn {
  return (_route, segments) => {
    if (hasAccess(inject(AuthSession), rule)) return true;
    const router = inject(Router);
    return showInPlace(router, '/forbidden', attemptedPath(router, segments));
  };
}

/** Allows sessions having one of `roles` (see `accessGuard`). */
export function roleGuard(...roles: string[]): CanMatchFn {
  return accessGuard({ roles });
}

/** Allows sessions holding one of `permissions` (see `accessGuard`). */
export function permissionGuard(...permissions: string[]): CanMatchFn {
  return accessGuard({ permissions });
}
