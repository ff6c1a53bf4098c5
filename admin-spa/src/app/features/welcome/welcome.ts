import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';

import { AuthSession } from '../../core/auth/auth-session';
import { Icon } from '../../shared/icon/icon';
import { parseReason, REASON_MESSAGES } from './signed-out-reason';

/**
 * The anonymous landing page at `/signed-out`: the product, a Sign in button, and why the visitor
 * is here (signed out, expired, sign-in error, access denied).
 */
@Component({
  selector: 'gh-welcome',
  imports: [Icon, MatButton, RouterLink],
  templateUrl: './welcome.html',
  styleUrl: './welcome.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Welcome {
  /**
   * The `reason` query parameter. WorkOS returns to the exact, registered `/signed-out` after its
   * logout, without a query, so no reason at all means the user has just signed out.
   */
  readonly reason = input<string | undefined>();

  protected readonly session = inject(AuthSession);
  protected readonly message = computed(() => {
    const raw = this.reason();
    const reason = raw === undefined ? 'signed-out' : parseReason(raw);
    return reason === null ? null : { reason, ...REASON_MESSAGES[reason] };
  });

  constructor() {
    // Knowing whether a session exists lets the page offer "Continue" instead of "Sign in".
    void this.session.ensureLoaded();
  }

  protected signIn(): void {
    this.session.signIn('/');
  }
}
