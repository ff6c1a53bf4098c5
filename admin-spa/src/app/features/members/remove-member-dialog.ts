import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';

import { apiProblem } from '../../core/api/api-error';
import { memberName } from './member-name';
import { type Member, MembersApi } from './members.api';

/** What the dialog is about. */
export interface RemoveMemberData {
  readonly member: Member;
  readonly organizationName: string;
}

/**
 * Asks before removing a member, then removes them. Closes with `true` once removed; on failure it
 * stays open and says why. The buttons are disabled while the request runs.
 */
@Component({
  selector: 'gh-remove-member-dialog',
  imports: [MatButton, MatDialogActions, MatDialogContent, MatDialogTitle],
  template: `
    <h2 mat-dialog-title>Remove {{ name }}?</h2>
    <mat-dialog-content>
      <p>
        {{ name }} ({{ data.member.email }}) will lose access to {{ data.organizationName }}. Their
        WorkOS account stays; you can invite them again later.
      </p>
      @if (error(); as message) {
        <p class="error" role="alert" data-testid="remove-error">{{ message }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button
        matButton
        type="button"
        [disabled]="removing()"
        (click)="cancel()"
        data-testid="remove-cancel"
      >
        Cancel
      </button>
      <button
        matButton="filled"
        type="button"
        class="danger"
        [disabled]="removing()"
        (click)="remove()"
        data-testid="remove-confirm"
      >
        {{ removing() ? 'Removing…' : 'Remove' }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .error {
      color: var(--mat-sys-error);
    }
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'data-testid': 'remove-dialog' },
})
export class RemoveMemberDialog {
  protected readonly data = inject<RemoveMemberData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<RemoveMemberDialog, boolean>>(MatDialogRef);
  private readonly api = inject(MembersApi);
  protected readonly name = memberName(this.data.member);
  protected readonly removing = signal(false);
  protected readonly error = signal<string | null>(null);

  protected cancel(): void {
    this.dialogRef.close(false);
  }

  protected async remove(): Promise<void> {
    if (this.removing()) return;
    this.removing.set(true);
    this.error.set(null);
    this.dialogRef.disableClose = true;
    try {
      await firstValueFrom(this.api.remove(this.data.member.id), { defaultValue: undefined });
      this.dialogRef.close(true);
    } catch (error) {
      this.error.set(apiProblem(error, `${this.name} could not be removed.`).message);
    } finally {
      this.removing.set(false);
      this.dialogRef.disableClose = false;
    }
  }
}
