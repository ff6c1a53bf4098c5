import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatProgressSpinner } from '@angular/material/progress-spinner';

import { AuthSession } from '../../core/auth/auth-session';
import { signInUrl } from '../../core/auth/bff-paths';

/**
 * Where `authGuard` sends anonymous visitors (without changing the address bar): it starts the
 * BFF sign-in right away, returning to the page they asked for. The link is a fallback.
 */
@Component({
  selector: 'gh-sign-in-redirect',
  imports: [MatProgressSpinner],
  template: `
    <main class="gh-status-page" id="main-content" data-testid="sign-in-redirect">
      <div>
        <mat-progress-spinner mode="indeterminate" diameter="48" aria-label="Redirecting" />
        <h1>Taking you to sign in…</h1>
        <p>
          If nothing happens, <a [href]="href()" data-testid="sign-in-link">continue to sign in</a>.
        </p>
      </div>
    </main>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInRedirect {
  /** The page to come back to (the `returnTo` query parameter). */
  readonly returnTo = input<string | undefined>();

  protected readonly href = computed(() => signInUrl(this.returnTo()));

  constructor() {
    const session = inject(AuthSession);
    queueMicrotask(() => session.signIn(this.returnTo() ?? '/'));
  }
}
