import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';

import { AuthSession } from '../../core/auth/auth-session';
import { OrganizationSwitch } from '../../core/auth/organization-switch';
import type { SessionOrganization } from '../../core/auth/session-info';
import { Icon } from '../../shared/icon/icon';
import { Notifier } from '../../shared/notify/notifier';
import { roleLabel } from '../../shared/roles/role-label';

/**
 * The top bar's organization: its name, and for users with more than one membership a menu to
 * switch to another (the BFF may send the browser to sign in for it when it needs SSO or MFA).
 */
@Component({
  selector: 'gh-organization-switcher',
  imports: [Icon, MatButton, MatMenu, MatMenuItem, MatMenuTrigger],
  templateUrl: './organization-switcher.html',
  styleUrl: './organization-switcher.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganizationSwitcher {
  protected readonly session = inject(AuthSession);
  protected readonly switcher = inject(OrganizationSwitch);
  private readonly notifier = inject(Notifier);

  protected readonly canSwitch = computed(() => this.session.organizations().length > 1);
  protected readonly currentId = computed(() => this.session.organizationId());
  protected readonly currentName = computed(
    () => this.session.organization()?.name ?? 'No organization',
  );
  protected readonly roleLabel = roleLabel;

  protected async switchTo(organization: SessionOrganization): Promise<void> {
    if (organization.id === this.currentId()) return;
    const outcome = await this.switcher.switchTo(organization.id);
    if (outcome.kind === 'switched') {
      this.notifier.confirm(`You are now working in ${organization.name}.`);
    } else if (outcome.kind === 'failed') {
      this.notifier.error(outcome.message);
    }
  }
}
