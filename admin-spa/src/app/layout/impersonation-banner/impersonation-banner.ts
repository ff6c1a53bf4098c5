import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';

import { AuthSession } from '../../core/auth/auth-session';
import { displayName } from '../../core/auth/session-info';
import { Icon } from '../../shared/icon/icon';

/**
 * Shown on every signed-in page while a WorkOS dashboard user impersonates the signed-in user: who
 * is impersonating, why, and "Stop impersonating", which signs the session out.
 */
@Component({
  selector: 'gh-impersonation-banner',
  imports: [Icon, MatButton],
  template: `
    @if (session.impersonator(); as impersonator) {
      <section
        class="banner"
        role="region"
        aria-labelledby="impersonation-title"
        data-testid="impersonation-banner"
      >
        <gh-icon name="visibility" />
        <p class="text">
          <strong id="impersonation-title">
            Impersonation: you are signed in as {{ userName() }}.
          </strong>
          Started by
          <span data-testid="impersonator-email">{{ impersonator.email }}</span>.
          <span data-testid="impersonation-reason">
            Reason: {{ impersonator.reason ?? 'none given' }}.
          </span>
        </p>
        <button
          matButton="filled"
          type="button"
          [disabled]="session.signingOut()"
          (click)="stop()"
          data-testid="impersonation-stop"
        >
          Stop impersonating
        </button>
      </section>
    }
  `,
  styleUrl: './impersonation-banner.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImpersonationBanner {
  protected readonly session = inject(AuthSession);
  protected readonly userName = computed(() => {
    const user = this.session.user();
    return user ? `${displayName(user)} (${user.email})` : 'another user';
  });

  /** Ends the impersonated session (at the BFF and at WorkOS), like Sign out. */
  protected stop(): void {
    void this.session.signOut();
  }
}
