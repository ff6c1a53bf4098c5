import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';

import { AuthSession } from '../../core/auth/auth-session';
import { displayName } from '../../core/auth/session-info';
import { Avatar } from '../../shared/avatar/avatar';
import { Icon } from '../../shared/icon/icon';
import { formatRelative } from '../../shared/time/format-time';

/** Home page: who is signed in, in which organization, with what access, and for how long. */
@Component({
  selector: 'gh-dashboard',
  imports: [Avatar, DatePipe, Icon, MatButton, RouterLink],
  templateUrl: './dashboard.html',
  styleUrl: './dashboard.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Dashboard {
  protected readonly session = inject(AuthSession);
  protected readonly name = computed(() => {
    const user = this.session.user();
    return user ? displayName(user) : '';
  });
  protected readonly greeting = computed(() => {
    const hour = new Date().getHours();
    return hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening';
  });

  protected relative(at: Date): string {
    return formatRelative(at, this.session.serverNow());
  }
}
