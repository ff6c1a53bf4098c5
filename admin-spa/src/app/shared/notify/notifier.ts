import { inject, Service } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';

/** How long a confirmation stays; errors stay until dismissed or replaced. */
const CONFIRMATION_MS = 6000;

/**
 * Feedback after an action, as a snack bar that screen readers announce: a confirmation ("Invitation
 * sent") or an error that says what went wrong.
 */
@Service()
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);

  /** An action succeeded. */
  confirm(message: string): void {
    this.snackBar.open(message, 'OK', {
      duration: CONFIRMATION_MS,
      politeness: 'polite',
      panelClass: 'gh-snack-confirm',
    });
  }

  /** An action failed: `message` says why. */
  error(message: string): void {
    this.snackBar.open(message, 'Dismiss', {
      politeness: 'assertive',
      panelClass: 'gh-snack-error',
    });
  }
}
