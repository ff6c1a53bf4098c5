import { DOCUMENT, inject, Service } from '@angular/core';

/**
 * The few things the app does with `window.location`: full-page navigations to the BFF (sign-in,
 * sign-out) and reading the origin. Kept behind a service because a test browser (jsdom) cannot
 * navigate; tests provide a recording replacement.
 */
@Service()
export class BrowserLocation {
  private readonly location = inject(DOCUMENT).location;

  /** The SPA's own origin, e.g. `https://admin.example.com`. */
  get origin(): string {
    return this.location.origin;
  }

  /** The current path with query and fragment, e.g. `/profile?tab=claims`. */
  currentPath(): string {
    return `${this.location.pathname}${this.location.search}${this.location.hash}`;
  }

  /** Leaves the SPA for `url` (a BFF route or the WorkOS logout page). */
  assign(url: string): void {
    this.location.assign(url);
  }
}
