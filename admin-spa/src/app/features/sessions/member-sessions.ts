import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { apiProblem } from '../../core/api/api-error';
import { hasAccess } from '../../core/auth/auth-guard';
import { AuthSession } from '../../core/auth/auth-session';
import { ServiceStatus } from '../../core/service-status/service-status';
import { Icon } from '../../shared/icon/icon';
import { LoadProblem } from '../../shared/load-problem/load-problem';
import { Notifier } from '../../shared/notify/notifier';
import { PendingKeys } from '../../shared/pending/pending-keys';
import { AUDIT_ACCESS } from '../audit/audit-access';
import { MEMBER_SESSIONS_REVOKE_ACCESS } from '../members/members-access';
import { SessionList } from './session-list';
import { type UserSession, SessionsApi } from './sessions.api';
import { describeUserAgent } from './user-agent';

/** Who the page is about, as the Members page passed it in the navigation state. */
interface MemberLabel {
  readonly name: string;
  readonly email: string | null;
  /** Their user id, to link to their audit events. */
  readonly userId: string | null;
}

function memberLabel(state: unknown): MemberLabel | null {
  if (typeof state !== 'object' || state === null) return null;
  const { memberName, memberEmail, memberUserId } = state as Record<string, unknown>;
  if (typeof memberName !== 'string' || memberName.length === 0) return null;
  return {
    name: memberName,
    email: typeof memberEmail === 'string' ? memberEmail : null,
    userId: typeof memberUserId === 'string' && memberUserId.length > 0 ? memberUserId : null,
  };
}

/**
 * A member's sessions in the current organization, for users with `sessions:read`; those with
 * `sessions:revoke` can sign one out. The backend answers only for members of this organization.
 */
@Component({
  selector: 'gh-member-sessions',
  imports: [Icon, LoadProblem, MatButton, MatProgressBar, RouterLink, SessionList],
  templateUrl: './member-sessions.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MemberSessions {
  /** From the route (`/members/:membershipId/sessions`). */
  readonly membershipId = input.required<string>();

  private readonly api = inject(SessionsApi);
  private readonly notifier = inject(Notifier);
  private readonly session = inject(AuthSession);
  protected readonly pending = new PendingKeys();
  protected readonly member = memberLabel(
    inject(Router).currentNavigation()?.extras.state ?? inject(Location).getState(),
  );
  protected readonly title = this.member
    ? `Sessions of ${this.member.name}`
    : "A member's sessions";
  protected readonly canRevoke = computed(() =>
    hasAccess(this.session, MEMBER_SESSIONS_REVOKE_ACCESS),
  );
  protected readonly canSeeAudit = computed(() => hasAccess(this.session, AUDIT_ACCESS));

  protected readonly sessions = rxResource({
    params: () => {
      const scope = this.session.dataScope();
      return scope && { ...scope, membershipId: this.membershipId() };
    },
    stream: ({ params }) => this.api.ofMember(params.membershipId),
  });
  protected readonly problem = computed(() => {
    const error = this.sessions.error();
    return error ? apiProblem(error, "The member's sessions could not be loaded.") : null;
  });

  constructor() {
    inject(ServiceStatus).onRetry(() => this.sessions.reload());
  }

  protected async revoke(item: UserSession): Promise<void> {
    await this.pending.run(item.id, async () => {
      try {
        await firstValueFrom(this.api.revokeOfMember(this.membershipId(), item.id), {
          defaultValue: undefined,
        });
        this.sessions.update((list) =>
          list === undefined ? list : { data: list.data.filter((other) => other.id !== item.id) },
        );
        this.notifier.confirm(
          `${describeUserAgent(item.userAgent)} of ${this.member?.name ?? 'the member'} was signed out.`,
        );
      } catch (error) {
        this.notifier.error(apiProblem(error, 'That session could not be signed out.').message);
      }
    });
  }
}
