import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { firstValueFrom } from 'rxjs';

import { apiProblem } from '../../core/api/api-error';
import { AuthSession } from '../../core/auth/auth-session';
import { LoadProblem } from '../../shared/load-problem/load-problem';
import { Notifier } from '../../shared/notify/notifier';
import { Pager, type PageRequest } from '../../shared/pager/pager';
import { PendingKeys } from '../../shared/pending/pending-keys';
import { type Invitation, InvitationsApi } from './invitations.api';

const PAGE_SIZE = 10;

/**
 * The organization's invitations, newest first, with "Resend" and "Revoke" for pending ones when
 * the user may manage members. `reload()` shows a new invitation.
 */
@Component({
  selector: 'gh-invitations',
  imports: [DatePipe, LoadProblem, MatButton, MatProgressBar, Pager],
  templateUrl: './invitations.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Invitations {
  /** Whether Resend and Revoke are offered. */
  readonly canManage = input(false);
  /** Role names by slug (the slug is shown for a role not listed). */
  readonly roleNames = input<ReadonlyMap<string, string>>(new Map());

  private readonly api = inject(InvitationsApi);
  private readonly notifier = inject(Notifier);
  private readonly session = inject(AuthSession);
  protected readonly pending = new PendingKeys();

  /** The page shown; back to the first one in another organization. */
  private readonly page = linkedSignal<string | null, PageRequest>({
    source: this.session.organizationId,
    computation: () => ({}),
  });
  protected readonly invitations = rxResource({
    params: () => {
      const scope = this.session.dataScope();
      return scope && { ...scope, ...this.page() };
    },
    stream: ({ params }) =>
      this.api.list({ after: params.after, before: params.before, limit: PAGE_SIZE }),
  });
  protected readonly problem = computed(() => {
    const error = this.invitations.error();
    return error ? apiProblem(error, 'The invitations could not be loaded.') : null;
  });

  /** Loads the list again (after an invitation was sent). */
  reload(): void {
    this.invitations.reload();
  }

  protected showPage(request: PageRequest): void {
    this.page.set(request);
  }

  protected roleName(slug: string | null): string {
    return slug === null ? '—' : (this.roleNames().get(slug) ?? slug);
  }

  protected async resend(invitation: Invitation): Promise<void> {
    await this.pending.run(invitation.id, async () => {
      try {
        this.replace(await firstValueFrom(this.api.resend(invitation.id)));
        this.notifier.confirm(`The invitation was sent to ${invitation.email} again.`);
      } catch (error) {
        this.notifier.error(apiProblem(error, 'The invitation could not be resent.').message);
      }
    });
  }

  protected async revoke(invitation: Invitation): Promise<void> {
    await this.pending.run(invitation.id, async () => {
      try {
        this.replace(await firstValueFrom(this.api.revoke(invitation.id)));
        this.notifier.confirm(`The invitation for ${invitation.email} was revoked.`);
      } catch (error) {
        this.notifier.error(apiProblem(error, 'The invitation could not be revoked.').message);
      }
    });
  }

  /** Shows the backend's new state of one invitation without loading the page again. */
  private replace(updated: Invitation): void {
    if (!this.invitations.hasValue()) return;
    this.invitations.update((page) =>
      page === undefined
        ? page
        : { ...page, data: page.data.map((item) => (item.id === updated.id ? updated : item)) },
    );
  }
}
