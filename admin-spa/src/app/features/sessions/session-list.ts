import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';

import { AuthSession } from '../../core/auth/auth-session';
import type { PendingKeys } from '../../shared/pending/pending-keys';
import { formatRelative } from '../../shared/time/format-time';
import type { UserSession } from './sessions.api';
import { describeUserAgent } from './user-agent';

/**
 * A table of WorkOS sessions: browser and system, IP address, organization, when it started and
 * was last active; the current one marked. "Sign out" is offered for the others when `canRevoke`.
 */
@Component({
  selector: 'gh-session-list',
  imports: [DatePipe, MatButton],
  templateUrl: './session-list.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionList {
  readonly sessions = input.required<readonly UserSession[]>();
  /** The table's accessible name. */
  readonly label = input.required<string>();
  readonly canRevoke = input(false);
  /** Sessions being signed out (their button is disabled). */
  readonly pending = input.required<PendingKeys>();
  /** "Sign out" was pressed for a session. */
  readonly revoke = output<UserSession>();

  private readonly session = inject(AuthSession);
  protected readonly describeUserAgent = describeUserAgent;

  protected organizationName(id: string | null): string {
    if (id === null) return 'No organization';
    return this.session.organizationName(id) ?? 'Another organization';
  }

  protected relative(at: string): string {
    return formatRelative(new Date(at), this.session.serverNow());
  }
}
