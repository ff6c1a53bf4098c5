import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';

import { AuthSession } from '../../core/auth/auth-session';
import { ServiceStatus } from '../../core/service-status/service-status';
import { Icon } from '../../shared/icon/icon';
import { parseAdminMe } from './admin-me';

/**
 * What the backend verified about the caller (`GET /api/admin/me` through the BFF): the visible
 * proof that SPA → BFF → API guard works.
 */
@Component({
  selector: 'gh-profile',
  imports: [DatePipe, Icon, MatButton, MatProgressBar],
  templateUrl: './profile.html',
  styleUrl: './profile.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Profile {
  protected readonly session = inject(AuthSession);
  protected readonly me = httpResource(
    // Another organization means another access token: loaded again after a switch.
    () => this.session.dataScope() && '/api/admin/me',
    { parse: parseAdminMe },
  );

  constructor() {
    inject(ServiceStatus).onRetry(() => this.me.reload());
  }
}
