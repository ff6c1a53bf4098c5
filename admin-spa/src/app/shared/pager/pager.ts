import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';

import { Icon } from '../icon/icon';

/** The cursors of a listed page: an id to page from in each direction, or null at that end. */
export interface PageCursors {
  readonly before: string | null;
  readonly after: string | null;
}

/** Which page to load: the first one, or the page before / after a cursor. */
export interface PageRequest {
  readonly before?: string;
  readonly after?: string;
}

/** "Previous" and "Next" for a cursor-paged list (WorkOS-style `listMetadata`). */
@Component({
  selector: 'gh-pager',
  imports: [Icon, MatButton],
  template: `
    <nav class="pager" [attr.aria-label]="label()">
      <button
        matButton
        type="button"
        [disabled]="disabled() || cursors().before === null"
        (click)="go({ before: cursors().before ?? undefined })"
        data-testid="pager-previous"
      >
        <gh-icon name="chevronLeft" matButtonIcon />
        Previous
      </button>
      <button
        matButton
        type="button"
        [disabled]="disabled() || cursors().after === null"
        (click)="go({ after: cursors().after ?? undefined })"
        data-testid="pager-next"
      >
        Next
        <gh-icon name="chevronRight" matButtonIcon iconPositionEnd />
      </button>
    </nav>
  `,
  styles: `
    .pager {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
      margin-top: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Pager {
  readonly cursors = input.required<PageCursors>();
  /** What is paged, for assistive technology ("Members pages"). */
  readonly label = input.required<string>();
  /** While a page loads. */
  readonly disabled = input(false);
  /** The page asked for. */
  readonly page = output<PageRequest>();

  protected go(request: PageRequest): void {
    this.page.emit(request);
  }
}
