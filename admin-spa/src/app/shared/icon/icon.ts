import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { ICON_PATHS, type IconName } from './icon-paths';

/** A decorative inline-SVG icon (hidden from assistive technology: give its control a label). */
@Component({
  selector: 'gh-icon',
  template: `<svg viewBox="0 0 24 24" focusable="false">
    <path [attr.d]="path()" fill="currentColor" fill-rule="evenodd" />
  </svg>`,
  styleUrl: './icon.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'aria-hidden': 'true', '[attr.data-icon]': 'name()' },
})
export class Icon {
  /** Which icon to draw. */
  readonly name = input.required<IconName>();

  protected readonly path = computed(() => ICON_PATHS[this.name()]);
}
