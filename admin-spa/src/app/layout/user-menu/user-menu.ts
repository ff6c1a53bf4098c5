import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDivider } from '@angular/material/divider';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { RouterLink } from '@angular/router';

import { AuthSession } from '../../core/auth/auth-session';
import { displayName } from '../../core/auth/session-info';
import { Avatar } from '../../shared/avatar/avatar';
import { Icon } from '../../shared/icon/icon';

/** The top bar's account button: who is signed in, the profile, and Sign out. */
@Component({
  selector: 'gh-user-menu',
  imports: [Avatar, Icon, MatButton, MatDivider, MatMenu, MatMenuItem, MatMenuTrigger, RouterLink],
  templateUrl: './user-menu.html',
  styleUrl: './user-menu.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserMenu {
  protected readonly session = inject(AuthSession);
  protected readonly name = computed(() => {
    const user = this.session.user();
    return user ? displayName(user) : '';
  });

  protected signOut(everywhere = false): void {
    void this.session.signOut({ everywhere });
  }
}
