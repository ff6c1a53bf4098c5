import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';

import { type ApiProblem, isUnconfigured } from '../../core/api/api-error';
import { Icon } from '../icon/icon';

/**
 * Why a list could not be loaded, with "Try again". A backend without a WorkOS API key gets its
 * own explanation and no "Try again", since retrying cannot help.
 */
@Component({
  selector: 'gh-load-problem',
  imports: [Icon, MatButton],
  template: `
    @if (unconfigured()) {
      <div class="problem unconfigured" role="status" data-kind="unconfigured">
        <gh-icon name="lock" />
        <div class="text">
          <p class="title">Administration is not set up on this server</p>
          <p>
            The Gatehouse API has no WorkOS API key, so it cannot read or change members,
            invitations or sessions. Set <code>WORKOS_API_KEY</code> for the API and restart it.
          </p>
        </div>
      </div>
    } @else {
      <div class="problem" role="alert" data-kind="error">
        <gh-icon name="warning" />
        <div class="text">
          <p class="title">{{ subject() }} could not be loaded.</p>
          <p>{{ problem().message }}</p>
        </div>
        <button matButton="tonal" type="button" (click)="retry.emit()">Try again</button>
      </div>
    }
  `,
  styleUrl: './load-problem.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadProblem {
  /** What failed. */
  readonly problem = input.required<ApiProblem>();
  /** What could not be loaded, as the start of a sentence ("The members"). */
  readonly subject = input.required<string>();
  /** "Try again" was pressed. */
  readonly retry = output();

  protected readonly unconfigured = computed(() => isUnconfigured(this.problem()));
}
