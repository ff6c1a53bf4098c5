import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  linkedSignal,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { debounceTime, distinctUntilChanged, firstValueFrom } from 'rxjs';

import { apiProblem } from '../../core/api/api-error';
import { hasAccess } from '../../core/auth/auth-guard';
import { AuthSession } from '../../core/auth/auth-session';
import { ServiceStatus } from '../../core/service-status/service-status';
import { Icon } from '../../shared/icon/icon';
import { LoadProblem } from '../../shared/load-problem/load-problem';
import { Notifier } from '../../shared/notify/notifier';
import { Pager, type PageRequest } from '../../shared/pager/pager';
import { PendingKeys } from '../../shared/pending/pending-keys';
import { roleLabel } from '../../shared/roles/role-label';
import { AUDIT_ACCESS } from '../audit/audit-access';
import { InviteDialog, type InviteData } from './invite-dialog';
import type { Invitation } from './invitations.api';
import { Invitations } from './invitations';
import { memberName } from './member-name';
import { MEMBER_SESSIONS_ACCESS, MEMBERS_WRITE_ACCESS } from './members-access';
import { type Member, MembersApi, type Role } from './members.api';
import { RemoveMemberDialog, type RemoveMemberData } from './remove-member-dialog';

const PAGE_SIZE = 20;
/** How long typing must pause before the search runs. */
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * Members of the current organization: search, pages, and for users who may manage members the
 * role menu, removal (after a confirmation) and the invite dialog; pending invitations below.
 */
@Component({
  selector: 'gh-members',
  imports: [
    DatePipe,
    Icon,
    Invitations,
    LoadProblem,
    MatButton,
    MatFormField,
    MatInput,
    MatLabel,
    MatMenu,
    MatMenuContent,
    MatMenuItem,
    MatMenuTrigger,
    MatPrefix,
    MatProgressBar,
    Pager,
    RouterLink,
  ],
  templateUrl: './members.html',
  styleUrl: './members.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Members {
  private readonly api = inject(MembersApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly session = inject(AuthSession);
  protected readonly pending = new PendingKeys();
  protected readonly memberName = memberName;
  private readonly invitations = viewChild(Invitations);

  protected readonly canManage = computed(() => hasAccess(this.session, MEMBERS_WRITE_ACCESS));
  protected readonly canSeeSessions = computed(() =>
    hasAccess(this.session, MEMBER_SESSIONS_ACCESS),
  );
  protected readonly canSeeAudit = computed(() => hasAccess(this.session, AUDIT_ACCESS));
  protected readonly organizationName = computed(
    () => this.session.organization()?.name ?? 'your organization',
  );

  /** What is typed in the search field; the search runs once typing pauses. */
  protected readonly searchText = signal('');
  protected readonly search = toSignal(
    toObservable(this.searchText).pipe(debounceTime(SEARCH_DEBOUNCE_MS), distinctUntilChanged()),
    { initialValue: '' },
  );
  /** The page shown: back to the first one for another search or organization. */
  private readonly page = linkedSignal<unknown, PageRequest>({
    source: () => [this.search(), this.session.organizationId()],
    computation: () => ({}),
  });
  protected readonly members = rxResource({
    params: () => {
      const scope = this.session.dataScope();
      return scope && { ...scope, ...this.page(), search: this.search().trim() };
    },
    stream: ({ params }) =>
      this.api.list({
        search: params.search.slice(0, 100),
        after: params.after,
        before: params.before,
        limit: PAGE_SIZE,
      }),
  });
  protected readonly problem = computed(() => {
    const error = this.members.error();
    return error ? apiProblem(error, 'The members could not be loaded.') : null;
  });

  protected readonly roles = rxResource({
    params: () => this.session.dataScope(),
    stream: () => this.api.roles(),
  });
  protected readonly roleList = computed<readonly Role[]>(() =>
    this.roles.hasValue() ? this.roles.value().data : [],
  );
  protected readonly roleNames = computed(
    () => new Map(this.roleList().map((role) => [role.slug, role.name])),
  );

  constructor() {
    inject(ServiceStatus).onRetry(() => {
      this.members.reload();
      this.roles.reload();
    });
  }

  protected roleName(slug: string): string {
    return this.roleNames().get(slug) ?? roleLabel(slug);
  }

  protected showPage(request: PageRequest): void {
    this.page.set(request);
  }

  protected onSearch(event: Event): void {
    this.searchText.set((event.target as HTMLInputElement).value);
  }

  protected async changeRole(member: Member, role: Role): Promise<void> {
    if (role.slug === member.roleSlug) return;
    await this.pending.run(member.id, async () => {
      try {
        const change = await firstValueFrom(this.api.changeRole(member.id, role.slug));
        this.members.update((page) =>
          page === undefined
            ? page
            : {
                ...page,
                data: page.data.map((item) => (item.id === member.id ? change.member : item)),
              },
        );
        this.notifier.confirm(
          `${memberName(member)} is now ${role.name}. It takes effect when their access token ` +
            'next refreshes, within minutes.',
        );
      } catch (error) {
        this.notifier.error(apiProblem(error, 'The role could not be changed.').message);
      }
    });
  }

  protected remove(member: Member): void {
    // A double click opens one dialog.
    if (this.pending.has(member.id) || this.dialog.openDialogs.length > 0) return;
    const data: RemoveMemberData = { member, organizationName: this.organizationName() };
    this.dialog
      .open<RemoveMemberDialog, RemoveMemberData, boolean>(RemoveMemberDialog, {
        data,
        width: '480px',
        maxWidth: 'calc(100vw - 32px)',
        role: 'alertdialog',
      })
      .afterClosed()
      .subscribe((removed) => {
        if (!removed) return;
        this.notifier.confirm(`${memberName(member)} was removed from ${data.organizationName}.`);
        this.members.reload();
      });
  }

  protected invite(): void {
    if (this.dialog.openDialogs.length > 0) return;
    const data: InviteData = {
      roles: this.roleList(),
      organizationName: this.organizationName(),
    };
    this.dialog
      .open<InviteDialog, InviteData, Invitation>(InviteDialog, {
        data,
        width: '480px',
        maxWidth: 'calc(100vw - 32px)',
      })
      .afterClosed()
      .subscribe((invitation) => {
        if (!invitation) return;
        this.notifier.confirm(`Invitation sent to ${invitation.email}.`);
        this.invitations()?.reload();
      });
  }
}
