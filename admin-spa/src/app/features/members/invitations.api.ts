import { HttpClient } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { Observable } from 'rxjs';

import type { components, operations } from '../../core/api/api-types.generated';
import { queryParams } from '../../core/api/query-params';

export type Invitation = components['schemas']['Invitation'];
export type InvitationPage = components['schemas']['InvitationPage'];
export type SendInvitationRequest = components['schemas']['SendInvitationRequest'];
export type ListInvitationsQuery = NonNullable<
  operations['InvitationsController_list']['parameters']['query']
>;

/** Invitations to the current organization (`/api/invitations`). */
@Service()
export class InvitationsApi {
  private readonly http = inject(HttpClient);

  /** One page of invitations (every state), newest first. */
  list(query: ListInvitationsQuery): Observable<InvitationPage> {
    return this.http.get<InvitationPage>('/api/invitations', { params: queryParams(query) });
  }

  /** Invites someone by e-mail with a role. */
  send(request: SendInvitationRequest): Observable<Invitation> {
    return this.http.post<Invitation>('/api/invitations', request);
  }

  /** Sends a pending invitation's e-mail again. */
  resend(invitationId: string): Observable<Invitation> {
    return this.http.post<Invitation>(
      `/api/invitations/${encodeURIComponent(invitationId)}/resend`,
      null,
    );
  }

  /** Withdraws a pending invitation. */
  revoke(invitationId: string): Observable<Invitation> {
    return this.http.post<Invitation>(
      `/api/invitations/${encodeURIComponent(invitationId)}/revoke`,
      null,
    );
  }
}
