import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, type ValidatorFn, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';

import { apiProblem } from '../../core/api/api-error';
import { type Invitation, InvitationsApi } from './invitations.api';
import type { Role } from './members.api';

const required: ValidatorFn = (control) => Validators.required(control);
const validEmail: ValidatorFn = (control) => Validators.email(control);

/** What the invite dialog needs. */
export interface InviteData {
  readonly roles: readonly Role[];
  readonly organizationName: string;
}

/**
 * Invites someone by e-mail with one of the organization's roles. Closes with the invitation once
 * sent; the backend's answer to a bad field is shown on that field (until it changes), any other
 * refusal above the buttons. Sending is disabled while a request runs.
 */
@Component({
  selector: 'gh-invite-dialog',
  imports: [
    MatButton,
    MatDialogActions,
    MatDialogContent,
    MatDialogTitle,
    MatError,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    ReactiveFormsModule,
  ],
  templateUrl: './invite-dialog.html',
  styles: `
    form {
      display: grid;
      gap: 8px;
      padding-top: 8px;
    }
    .error {
      margin: 0;
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'data-testid': 'invite-dialog' },
})
export class InviteDialog {
  protected readonly data = inject<InviteData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<InviteDialog, Invitation>>(MatDialogRef);
  private readonly api = inject(InvitationsApi);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [required, validEmail, Validators.maxLength(320)]],
    roleSlug: [this.defaultRole(), required],
  });
  protected readonly sending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected async send(): Promise<void> {
    if (this.sending()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.sending.set(true);
    this.error.set(null);
    this.dialogRef.disableClose = true;
    const request = this.form.getRawValue();
    try {
      const invitation = await firstValueFrom(
        this.api.send({ email: request.email.trim(), roleSlug: request.roleSlug }),
      );
      this.dialogRef.close(invitation);
    } catch (error) {
      const problem = apiProblem(error, 'The invitation could not be sent.');
      let shownOnField = false;
      for (const { field, message } of problem.fieldErrors) {
        const control = this.form.get(field);
        // Cleared by the control's validators as soon as its value changes.
        control?.setErrors({ server: message });
        shownOnField ||= control !== null;
      }
      this.error.set(shownOnField ? null : problem.message);
    } finally {
      this.sending.set(false);
      this.dialogRef.disableClose = false;
    }
  }

  protected cancel(): void {
    this.dialogRef.close();
  }

  /** The least powerful role by default: `member` when there is one, else the first. */
  private defaultRole(): string {
    const roles = this.data.roles;
    return (roles.find((role) => role.slug === 'member') ?? roles[0])?.slug ?? '';
  }
}
