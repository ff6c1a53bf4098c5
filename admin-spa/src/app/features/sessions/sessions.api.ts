import { HttpClient } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { Observable } from 'rxjs';

import type { components } from '../../core/api/api-types.generated';

export type UserSession = components['schemas']['Session'];
export type SessionList = components['schemas']['SessionList'];

/** The signed-in user's WorkOS sessions, and (for admins) a member's (`/api/me/sessions`, ...). */
@Service()
export class SessionsApi {
  private readonly http = inject(HttpClient);

  /** My active sessions; the one of this browser has `current`. */
  mine(): Observable<SessionList> {
    return this.http.get<SessionList>('/api/me/sessions');
  }

  /** Signs one of my other sessions out. */
  revokeMine(sessionId: string): Observable<void> {
    return this.http.post<void>(`/api/me/sessions/${encodeURIComponent(sessionId)}/revoke`, null);
  }

  /** A member's active sessions in this organization. */
  ofMember(membershipId: string): Observable<SessionList> {
    return this.http.get<SessionList>(`/api/members/${encodeURIComponent(membershipId)}/sessions`);
  }

  /** Signs one of a member's sessions out. */
  revokeOfMember(membershipId: string, sessionId: string): Observable<void> {
    return this.http.post<void>(
      `/api/members/${encodeURIComponent(membershipId)}/sessions/${encodeURIComponent(sessionId)}/revoke`,
      null,
    );
  }
}
