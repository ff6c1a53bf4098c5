import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialogActions, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';

import { AuthSession } from '../../core/auth/auth-session';
import { BrowserLocation } from '../../core/browser/browser-location';

/** Shown when the session has ended: sign in again and come back to this very page. */
@Component({
  selector: 'gh-session-expired-dialog',
  imports: [MatButton, MatDialogActions, MatDialogContent, MatDialogTitle],
  templateUrl: './session-expired-dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'data-testid': 'session-expired-dialog' },
})
export class SessionExpiredDialog {
  private readonly session = inject(AuthSession);
  private readonly location = inject(BrowserLocation);

  protected signInAgain(): void {
    this.session.signIn(this.location.currentPath());
  }

  protected leave(): void {
    this.location.assign('/signed-out?reason=expired');
  }
}
