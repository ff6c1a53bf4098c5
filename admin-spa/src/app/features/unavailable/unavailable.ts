import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { Router } from '@angular/router';

import { AuthSession } from '../../core/auth/auth-session';
import { safeReturnTo } from '../../core/auth/bff-paths';
import { Icon } from '../../shared/icon/icon';

/**
 * Shown (at the requested URL) when the first session check could not reach the BFF: nothing is
 * known about the visitor yet, so "Try again" re-checks and resumes the navigation.
 */
@Component({
  selector: 'gh-unavailable',
  imports: [Icon, MatButton],
  template: `
    <main class="gh-status-page" id="main-content">
      <div role="alert" data-testid="service-unavailable">
        <gh-icon name="warning" class="gh-status-icon" />
        <h1>The service is unavailable</h1>
        <p>Gatehouse could not reach its server. Check your connection, then try again.</p>
        <button
          matButton="filled"
          type="button"
          [disabled]="retrying()"
          (click)="retry()"
          data-testid="service-unavailable-retry"
        >
          Try again
        </button>
      </div>
    </main>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Unavailable {
  /** The page the visitor asked for. */
  readonly returnTo = input<string | undefined>();

  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  protected readonly retrying = signal(false);

  protected async retry(): Promise<void> {
    this.retrying.set(true);
    try {
      await this.session.refresh({ slide: false });
      if (this.session.status() !== 'unavailable') {
        await this.router.navigateByUrl(safeReturnTo(this.returnTo()), { replaceUrl: true });
      }
    } finally {
      this.retrying.set(false);
    }
  }
}
