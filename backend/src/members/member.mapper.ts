import type { OrganizationMembership, User } from '@workos-inc/node';
import type { Member } from './member.schemas.js';

/** Every role slug of a membership, the primary one first, without repeats. */
export function roleSlugsOf(membership: OrganizationMembership): string[] {
  const slugs = [membership.role.slug, ...(membership.roles ?? []).map((r) => r.slug)];
  return [...new Set(slugs)];
}

/** A display name: WorkOS's `name`, else first and last name, else null. */
export function displayNameOf(user: User): string | null {
  if (user.name) return user.name;
  const joined = [user.firstName, user.lastName].filter((part) => part).join(' ');
  return joined === '' ? null : joined;
}

/** Joins a membership and its user into the {@link Member} the API answers. */
export function toMember(membership: OrganizationMembership, user: User, callerId: string): Member {
  return {
    id: membership.id,
    userId: membership.userId,
    email: user.email,
    name: displayNameOf(user),
    roleSlug: membership.role.slug,
    roleSlugs: roleSlugsOf(membership),
    status: membership.status,
    createdAt: membership.createdAt,
    lastSignInAt: user.lastSignInAt,
    isCurrentUser: membership.userId === callerId,
  };
}

/** Whether a member matches a search: a case-insensitive part of the name or the email. */
export function matchesSearch(member: Member, search: string): boolean {
  const needle = search.toLowerCase();
  return (
    member.email.toLowerCase().includes(needle) ||
    (member.name?.toLowerCase().includes(needle) ?? false)
  );
}
