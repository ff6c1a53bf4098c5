import { HttpClient } from '@angular/common/http';
import { inject, Service } from '@angular/core';
import type { Observable } from 'rxjs';

import type { components, operations } from '../../core/api/api-types.generated';
import { queryParams } from '../../core/api/query-params';

export type Member = components['schemas']['Member'];
export type MemberPage = components['schemas']['MemberPage'];
export type RoleChange = components['schemas']['RoleChange'];
export type Role = components['schemas']['Role'];
export type RoleList = components['schemas']['RoleList'];
export type ListMembersQuery = NonNullable<
  operations['MembersController_list']['parameters']['query']
>;

/** The members of the current organization and their roles (`/api/members`, `/api/roles`). */
@Service()
export class MembersApi {
  private readonly http = inject(HttpClient);

  /** One page of members, newest first; `search` matches part of a name or an e-mail address. */
  list(query: ListMembersQuery): Observable<MemberPage> {
    return this.http.get<MemberPage>('/api/members', { params: queryParams(query) });
  }

  /** Gives a member another role; it reaches their access token at its next refresh. */
  changeRole(membershipId: string, roleSlug: string): Observable<RoleChange> {
    return this.http.patch<RoleChange>(`/api/members/${encodeURIComponent(membershipId)}`, {
      roleSlug,
    });
  }

  /** Removes a member from the organization. */
  remove(membershipId: string): Observable<void> {
    return this.http.delete<void>(`/api/members/${encodeURIComponent(membershipId)}`);
  }

  /** The roles a member can be given in this organization. */
  roles(): Observable<RoleList> {
    return this.http.get<RoleList>('/api/roles');
  }
}
