import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';

import { displayName, initials, type SessionUser } from '../../core/auth/session-info';

/**
 * The user's profile picture, or their initials when there is none or it cannot load (for
 * example when the CSP does not allow the picture's host).
 */
@Component({
  selector: 'gh-avatar',
  template: `
    @let picture = user().profilePictureUrl;
    @if (picture && !failed()) {
      <img [src]="picture" [alt]="alt()" referrerpolicy="no-referrer" (error)="failed.set(true)" />
    } @else {
      <span class="initials" role="img" [attr.aria-label]="alt()">{{ letters() }}</span>
    }
  `,
  styleUrl: './avatar.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.large]': 'size() === "large"' },
})
export class Avatar {
  readonly user = input.required<SessionUser>();
  readonly size = input<'small' | 'large'>('small');

  protected readonly failed = signal(false);
  protected readonly letters = computed(() => initials(this.user()));
  protected readonly alt = computed(() => displayName(this.user()));
}
