import type { Directory } from '../seed/directory.js';
import type { MembershipRecord } from './membership.store.js';

/**
 * The membership as `organization_membership.*` events carry it: production's object without `organization_name`
 * and `user`. `roles` holds the one role (the emulator has no Multiple Roles).
 */
export function membershipEventData(m: MembershipRecord): Record<string, unknown> {
  return {
    object: 'organization_membership',
    id: m.id,
    user_id: m.userId,
    organization_id: m.organizationId,
    status: m.status,
    role: { slug: m.roleSlug },
    roles: [{ slug: m.roleSlug }],
    directory_managed: false,
    custom_attributes: {},
    created_at: new Date(m.createdAt).toISOString(),
    updated_at: new Date(m.updatedAt).toISOString(),
  };
}

/** Production's `UserlandUserOrganizationMembership`: the event shape plus `organization_name` and the full `user`. */
export function membershipObject(
  directory: Directory,
  m: MembershipRecord,
): Record<string, unknown> {
  const user = directory.user(m.userId);
  const org = directory.organization(m.organizationId);
  return {
    ...membershipEventData(m),
    ...(org === undefined ? {} : { organization_name: org.name }),
    ...(user === undefined ? {} : { user: directory.toUserland(user) }),
  };
}
