import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Service, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

import { apiProblem } from '../api/api-error';
import { BrowserLocation } from '../browser/browser-location';
import { AuthSession } from './auth-session';
import { organizationSignInUrl, safeSignInUrl } from './bff-paths';
import { SessionChannel } from './session-channel';

/** How a switch ended. */
export type SwitchOutcome =
  /** The session now belongs to the organization. */
  | { readonly kind: 'switched' }
  /** The organization needs a new sign-in (SSO or MFA): the browser is leaving for it. */
  | { readonly kind: 'signing-in' }
  /** Nothing changed; `message` says why. */
  | { readonly kind: 'failed'; readonly message: string }
  /** Another switch was still running: this one was not sent. */
  | { readonly kind: 'busy' };

/**
 * Switches the session to another of the user's organizations through the BFF
 * (`POST /auth/organization`). The BFF answers the new session, which becomes this tab's; the other
 * tabs are told so they load it too. When WorkOS wants a new sign-in for that organization, the
 * browser follows the BFF's sign-in URL. One switch at a time.
 */
@Service()
export class OrganizationSwitch {
  private readonly http = inject(HttpClient);
  private readonly session = inject(AuthSession);
  private readonly channel = inject(SessionChannel);
  private readonly location = inject(BrowserLocation);

  /** The organization being switched to, while the request runs. */
  readonly pending = signal<string | null>(null);

  async switchTo(organizationId: string): Promise<SwitchOutcome> {
    if (this.pending() !== null) return { kind: 'busy' };
    this.pending.set(organizationId);
    const outcome = await this.send(organizationId);
    // While the browser leaves for the sign-in, the switch stays pending.
    if (outcome.kind !== 'signing-in') this.pending.set(null);
    return outcome;
  }

  private async send(organizationId: string): Promise<SwitchOutcome> {
    try {
      const body = await firstValueFrom(
        this.http.post<unknown>('/auth/organization', { organizationId }),
      );
      if (!this.session.adopt(body)) {
        return { kind: 'failed', message: 'The organization could not be switched.' };
      }
      this.channel.publish({ type: 'organization-switched' });
      return { kind: 'switched' };
    } catch (error) {
      return this.failed(error, organizationId);
    }
  }

  private failed(error: unknown, organizationId: string): SwitchOutcome {
    if (error instanceof HttpErrorResponse && error.status === 409) {
      const body: unknown = error.error;
      const given =
        typeof body === 'object' && body !== null && 'signInUrl' in body ? body.signInUrl : null;
      this.location.assign(
        safeSignInUrl(given) ?? organizationSignInUrl(organizationId, this.location.currentPath()),
      );
      return { kind: 'signing-in' };
    }
    if (error instanceof HttpErrorResponse && error.status === 401) this.session.markExpired();
    return {
      kind: 'failed',
      message: apiProblem(error, 'The organization could not be switched.').message,
    };
  }
}
