import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';

import { AuthSession } from '../../core/auth/auth-session';
import { SessionLifetime } from '../../core/auth/session-lifetime';
import { Icon } from '../../shared/icon/icon';
import { formatCountdown } from '../../shared/time/format-time';

/**
 * Warns about two minutes before the session ends. An idle expiry can be pushed back with
 * "Stay signed in"; the absolute one cannot, so it offers to sign in again instead.
 */
@Component({
  selector: 'gh-session-warning',
  imports: [MatButton, Icon],
  templateUrl: './session-warning.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionWarning {
  protected readonly lifetime = inject(SessionLifetime);
  protected readonly session = inject(AuthSession);
  protected readonly countdown = computed(() =>
    formatCountdown(this.lifetime.warning()?.msLeft ?? 0),
  );
  protected readonly endsAt = computed(
    () =>
      this.lifetime.warning()?.at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) ??
      '',
  );
}
