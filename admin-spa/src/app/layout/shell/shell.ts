import { BreakpointObserver } from '@angular/cdk/layout';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  type ElementRef,
  inject,
  Injector,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatIconButton } from '@angular/material/button';
import { MatDialog, type MatDialogRef } from '@angular/material/dialog';
import { MatListItem, MatListItemIcon, MatListItemTitle, MatNavList } from '@angular/material/list';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map, skip } from 'rxjs';

import { AuthSession } from '../../core/auth/auth-session';
import { hasAccess } from '../../core/auth/auth-guard';
import { rerouteOnOrganizationChange } from '../../core/auth/organization-change';
import { SessionLifetime } from '../../core/auth/session-lifetime';
import { ADMIN_ACCESS } from '../../features/admin/admin-access';
import { AUDIT_ACCESS } from '../../features/audit/audit-access';
import { MEMBERS_ACCESS } from '../../features/members/members-access';
import { Icon } from '../../shared/icon/icon';
import { ImpersonationBanner } from '../impersonation-banner/impersonation-banner';
import { OrganizationSwitcher } from '../organization-switcher/organization-switcher';
import { ServiceUnavailable } from '../service-unavailable/service-unavailable';
import { SessionExpiredDialog } from '../session-expired-dialog/session-expired-dialog';
import { SessionWarning } from '../session-warning/session-warning';
import { UserMenu } from '../user-menu/user-menu';

/** Wide enough for the navigation to sit beside the content. */
const WIDE_LAYOUT = '(min-width: 960px)';

/**
 * The signed-in layout: the impersonation banner, top bar with the organization switcher and the
 * user menu, a side navigation showing what the user's permissions allow (beside the content on
 * wide screens, a drawer on narrow ones), the session and service banners, and the page.
 */
@Component({
  selector: 'gh-shell',
  imports: [
    Icon,
    ImpersonationBanner,
    MatIconButton,
    MatListItem,
    MatListItemIcon,
    MatListItemTitle,
    MatNavList,
    MatSidenav,
    MatSidenavContainer,
    MatSidenavContent,
    MatToolbar,
    OrganizationSwitcher,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    ServiceUnavailable,
    SessionWarning,
    UserMenu,
  ],
  providers: [SessionLifetime],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  protected readonly session = inject(AuthSession);
  private readonly dialog = inject(MatDialog);
  private expiredDialog: MatDialogRef<SessionExpiredDialog> | null = null;

  protected readonly isWide = toSignal(
    inject(BreakpointObserver)
      .observe(WIDE_LAYOUT)
      .pipe(map((state) => state.matches)),
    { initialValue: true },
  );
  private readonly nav = viewChild.required(MatSidenav);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  protected readonly canAdminister = computed(() => hasAccess(this.session, ADMIN_ACCESS));
  protected readonly canSeeMembers = computed(() => hasAccess(this.session, MEMBERS_ACCESS));
  protected readonly canSeeAudit = computed(() => hasAccess(this.session, AUDIT_ACCESS));

  constructor() {
    inject(SessionLifetime).start();
    rerouteOnOrganizationChange();
    this.focusPageAfterNavigation();
    effect(() => {
      const expired = this.session.status() === 'expired';
      untracked(() => this.toggleExpiredDialog(expired));
    });
  }

  /** Closes the drawer after choosing a page on a narrow screen. */
  protected closeNavIfDrawer(): void {
    if (!this.isWide()) void this.nav().close();
  }

  /** The skip link: focus the page content without changing the route. */
  protected skipToContent(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  /**
   * After moving to another page, put focus on the new content (as a full page load would), so
   * keyboard and screen-reader users start reading there instead of at a stale link.
   */
  private focusPageAfterNavigation(): void {
    const injector = inject(Injector);
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        afterNextRender(() => this.main().nativeElement.focus({ preventScroll: true }), {
          injector,
        });
      });
  }

  private toggleExpiredDialog(expired: boolean): void {
    if (expired && this.expiredDialog === null) {
      this.expiredDialog = this.dialog.open(SessionExpiredDialog, {
        disableClose: true,
        role: 'alertdialog',
        ariaLabelledBy: 'session-expired-title',
        ariaDescribedBy: 'session-expired-description',
        width: '440px',
        maxWidth: 'calc(100vw - 32px)',
      });
    } else if (!expired && this.expiredDialog !== null) {
      this.expiredDialog.close();
      this.expiredDialog = null;
    }
  }
}
