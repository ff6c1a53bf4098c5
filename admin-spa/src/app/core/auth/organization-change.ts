import { effect, inject, untracked } from '@angular/core';
import { Router } from '@angular/router';

import { BrowserLocation } from '../browser/browser-location';
import { AuthSession } from './auth-session';

/**
 * When the session moves to another organization (switched here or in another tab), navigates to
 * the address-bar URL again so the route guards decide afresh: a page the new role may not see
 * becomes Forbidden, a Forbidden page the new role may see opens. Pages reload their data
 * themselves (their requests depend on `AuthSession.organizationId`). Call in an injection context
 * that lives as long as the signed-in layout.
 */
export function rerouteOnOrganizationChange(): void {
  const session = inject(AuthSession);
  const router = inject(Router);
  const location = inject(BrowserLocation);
  let previous = untracked(session.organizationId);
  effect(() => {
    const current = session.organizationId();
    if (current === previous) return;
    previous = current;
    // No organization means signed out (or not loaded): nothing to re-check.
    if (current === null) return;
    untracked(() => {
      void router.navigateByUrl(location.currentPath(), { onSameUrlNavigation: 'reload' });
    });
  });
}
