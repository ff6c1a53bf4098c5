import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { firstValueFrom } from 'rxjs';

import { apiProblem } from '../../core/api/api-error';
import { AuthSession } from '../../core/auth/auth-session';
import { ServiceStatus } from '../../core/service-status/service-status';
import { Icon } from '../../shared/icon/icon';
import { LoadProblem } from '../../shared/load-problem/load-problem';
import { Notifier } from '../../shared/notify/notifier';
import { PendingKeys } from '../../shared/pending/pending-keys';
import { SessionList } from './session-list';
import { type UserSession, SessionsApi } from './sessions.api';
import { describeUserAgent } from './user-agent';

/**
 * "My sessions": every browser and device the user is signed in with, this one marked; any other
 * can be signed out, and "Sign out everywhere" ends them all.
 */
@Component({
  selector: 'gh-my-sessions',
  imports: [Icon, LoadProblem, MatButton, MatProgressBar, SessionList],
  templateUrl: './my-sessions.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MySessions {
  private readonly api = inject(SessionsApi);
  private readonly notifier = inject(Notifier);
  protected readonly session = inject(AuthSession);
  protected readonly pending = new PendingKeys();

  protected readonly sessions = rxResource({
    params: () => this.session.dataScope(),
    stream: () => this.api.mine(),
  });
  protected readonly problem = computed(() => {
    const error = this.sessions.error();
    return error ? apiProblem(error, 'Your sessions could not be loaded.') : null;
  });

  constructor() {
    inject(ServiceStatus).onRetry(() => this.sessions.reload());
  }

  protected async revoke(item: UserSession): Promise<void> {
    await this.pending.run(item.id, async () => {
      try {
        await firstValueFrom(this.api.revokeMine(item.id), { defaultValue: undefined });
        this.sessions.update((list) =>
          list === undefined ? list : { data: list.data.filter((other) => other.id !== item.id) },
        );
        this.notifier.confirm(`${describeUserAgent(item.userAgent)} was signed out.`);
      } catch (error) {
        this.notifier.error(apiProblem(error, 'That session could not be signed out.').message);
      }
    });
  }

  protected signOutEverywhere(): void {
    void this.session.signOut({ everywhere: true });
  }
}
