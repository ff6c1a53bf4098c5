import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';

import { AuthSession } from '../../core/auth/auth-session';
import { ServiceStatus } from '../../core/service-status/service-status';
import { Icon } from '../../shared/icon/icon';
import { formatUptime, parseAdminOverview } from './admin-overview';

/**
 * The admin-only page: calls the backend's admin endpoint. The route guard keeps members out; if
 * the API still answers 403 the interceptor shows Forbidden.
 */
@Component({
  selector: 'gh-admin',
  imports: [DatePipe, Icon, MatButton, MatProgressBar],
  templateUrl: './admin.html',
  styleUrl: './admin.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Admin {
  protected readonly session = inject(AuthSession);
  protected readonly overview = httpResource(
    // Per organization: loaded again after a switch (nothing once signed out).
    () => this.session.dataScope() && '/api/admin/overview',
    { parse: parseAdminOverview },
  );
  protected readonly formatUptime = formatUptime;

  constructor() {
    inject(ServiceStatus).onRetry(() => this.overview.reload());
  }
}
