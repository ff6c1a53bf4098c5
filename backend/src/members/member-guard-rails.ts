import type { OrganizationMembership } from '@workos-inc/node';
import { conflict } from '../http/index.js';
import { roleSlugsOf } from './member.mapper.js';

/** Whether a membership is active and holds a role that manages members. */
export function isActiveAdmin(
  membership: OrganizationMembership,
  adminSlugs: ReadonlySet<string>,
): boolean {
  return membership.status === 'active' && roleSlugsOf(membership).some((s) => adminSlugs.has(s));
}

/** Whether giving `target` only the role `newSlug` takes its admin rights away. */
export function wouldLoseAdmin(
  target: OrganizationMembership,
  newSlug: string,
  adminSlugs: ReadonlySet<string>,
): boolean {
  return isActiveAdmin(target, adminSlugs) && !adminSlugs.has(newSlug);
}

/** 409 `cannot_remove_self` when an admin tries to remove their own membership. */
export function refuseSelfRemoval(target: OrganizationMembership, callerUserId: string): void {
  if (target.userId === callerUserId) {
    throw conflict(
      'cannot_remove_self',
      'You cannot remove yourself from the organization; ask another admin to do it.',
    );
  }
}

/** 409 `last_admin`: the change would leave the organization without anyone managing members. */
export function lastAdminConflict(action: 'remove' | 'demote'): never {
  throw conflict(
    'last_admin',
    action === 'remove'
      ? 'This member is the last admin of the organization and cannot be removed; make another member an admin first.'
      : 'This member is the last admin of the organization and must keep an admin role; make another member an admin first.',
  );
}
