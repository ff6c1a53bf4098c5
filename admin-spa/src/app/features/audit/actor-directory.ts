import { computed, inject, type Signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { hasAccess } from '../../core/auth/auth-guard';
import { AuthSession } from '../../core/auth/auth-session';
import { memberName } from '../members/member-name';
import { MEMBERS_ACCESS } from '../members/members-access';
import { MembersApi } from '../members/members.api';
import type { KnownActor } from './audit-actor';

/** Members loaded to name actors: one page, the most the members API gives. */
export const DIRECTORY_SIZE = 100;

/**
 * The organization's members by user id, to name the actors of audit events (the trail keeps only
 * their ids). Loaded once per organization for users who may list members (`users:read`); empty
 * otherwise, or when the list fails: the page then shows ids. Call in an injection context.
 */
export function actorDirectory(): Signal<ReadonlyMap<string, KnownActor>> {
  const session = inject(AuthSession);
  const api = inject(MembersApi);
  const members = rxResource({
    params: () => (hasAccess(session, MEMBERS_ACCESS) ? session.dataScope() : undefined),
    stream: () => api.list({ limit: DIRECTORY_SIZE }),
  });
  return computed(
    () =>
      new Map(
        members.hasValue()
          ? members.value().data.map((m) => [m.userId, { name: memberName(m), email: m.email }])
          : [],
      ),
  );
}
