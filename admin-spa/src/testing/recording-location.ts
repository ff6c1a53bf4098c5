import { Service } from '@angular/core';

import { BrowserLocation } from '../app/core/browser/browser-location';

/**
 * Stands in for `BrowserLocation` in tests: jsdom cannot leave the page, so full-page navigations
 * (sign-in, sign-out) are recorded instead.
 */
@Service({ autoProvided: false })
export class RecordingLocation extends BrowserLocation {
  /** Every URL the app tried to navigate the whole page to, in order. */
  readonly assigned: string[] = [];
  path = '/';

  override get origin(): string {
    return 'http://localhost';
  }

  override currentPath(): string {
    return this.path;
  }

  override assign(url: string): void {
    this.assigned.push(url);
  }
}
