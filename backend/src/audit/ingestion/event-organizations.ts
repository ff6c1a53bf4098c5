import type { Event } from '@workos-inc/node';
import { isAuthenticationEvent, organizationNamedBy } from './workos-event.mapper.js';

/** The organizations a user is an active member of (at most two are needed). */
export type ActiveOrganizationsOf = (userId: string) => Promise<readonly string[]>;

/**
 * Decides which organization's trail each event of a page goes to, never guessing across tenants:
 *
 * - the organization the event names (session, membership, SSO sign-in);
 * - for a sign-in that names none (password, OAuth, magic auth, …): the user's organization when
 *   they are an active member of exactly one, asked from WorkOS once per user and page;
 * - otherwise null: the entry is kept without an organization, which no tenant can read.
 */
export async function organizationsOf(
  events: readonly Event[],
  activeOrganizationsOf: ActiveOrganizationsOf,
): Promise<Map<string, string | null>> {
  const perUser = new Map<string, Promise<string | null>>();
  const soleOrganization = (userId: string): Promise<string | null> => {
    let found = perUser.get(userId);
    if (found === undefined) {
      found = activeOrganizationsOf(userId).then((orgs) => (orgs.length === 1 ? orgs[0]! : null));
      perUser.set(userId, found);
    }
    return found;
  };
  const result = new Map<string, string | null>();
  for (const event of events) {
    const named = organizationNamedBy(event);
    if (named !== null || !isAuthenticationEvent(event) || !event.data.userId) {
      result.set(event.id, named);
      continue;
    }
    result.set(event.id, await soleOrganization(event.data.userId));
  }
  return result;
}
