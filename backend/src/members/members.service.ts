import { HttpStatus, Injectable } from '@nestjs/common';
import type { OrganizationMembership, User } from '@workos-inc/node';
import { ApiError, notFound, validationFailed } from '../http/index.js';
import { AuditedActions, type AdminCaller } from '../admin-api/audited-action.js';
import { organizationOf } from '../admin-api/organization-scope.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { RolesService, adminRoleSlugs } from '../roles/roles.service.js';
import { WorkosGateway } from '../workos/workos.gateway.js';
import {
  isActiveAdmin,
  lastAdminConflict,
  refuseSelfRemoval,
  wouldLoseAdmin,
} from './member-guard-rails.js';
import { pageOf } from './member-page.js';
import { matchesSearch, roleSlugsOf, toMember } from './member.mapper.js';
import type { ListMembersQuery, Member, MemberPage, RoleChange } from './member.schemas.js';
import { ALL_STATUSES, MembershipDirectory } from './membership.directory.js';

/**
 * Members of the caller's organization: list and search, change a role, remove. Every id is
 * checked to belong to the caller's organization before anything changes; guard rails keep at
 * least one admin (a member holding a role with `users:write`) and stop admins removing themselves.
 */
@Injectable()
export class MembersService {
  constructor(
    private readonly workos: WorkosGateway,
    private readonly directory: MembershipDirectory,
    private readonly roles: RolesService,
    private readonly audited: AuditedActions,
  ) {}

  /** A page of members, newest membership first; with `search`, only the matching members. */
  async list(user: AuthenticatedUser, query: ListMembersQuery): Promise<MemberPage> {
    const organizationId = organizationOf(user);
    if (query.search !== undefined)
      return this.search(user, organizationId, { ...query, search: query.search });
    const page = await this.workos.call('listOrganizationMemberships', (sdk) =>
      sdk.userManagement.listOrganizationMemberships({
        organizationId,
        statuses: ALL_STATUSES,
        limit: query.limit,
        ...(query.after === undefined ? {} : { after: query.after }),
        ...(query.before === undefined ? {} : { before: query.before }),
      }),
    );
    const users = await this.directory.usersById(page.data.map((m) => m.userId));
    return {
      data: this.join(page.data, users, user.id),
      listMetadata: {
        before: page.listMetadata.before ?? null,
        after: page.listMetadata.after ?? null,
      },
    };
  }

  /**
   * WorkOS cannot search memberships, so the organization's memberships and users are read
   * (at most 5,000 each), joined, filtered, and cut into a page with the same cursors.
   */
  private async search(
    user: AuthenticatedUser,
    organizationId: string,
    query: ListMembersQuery & { search: string },
  ): Promise<MemberPage> {
    const memberships: OrganizationMembership[] = [];
    const complete = await this.directory.scanMemberships(organizationId, ALL_STATUSES, (m) => {
      memberships.push(m);
    });
    const listed = await this.directory.organizationUsers(organizationId);
    if (!complete || !listed.complete) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'search_unavailable',
        'Search covers organizations of up to 5,000 members; page through the list instead.',
      );
    }
    const missing = memberships.map((m) => m.userId).filter((id) => !listed.users.has(id));
    for (const [id, found] of await this.directory.usersById(missing)) listed.users.set(id, found);
    const matches = this.join(memberships, listed.users, user.id).filter((m) =>
      matchesSearch(m, query.search),
    );
    return pageOf(matches, query);
  }

  /**
   * Gives a member exactly one role of the organization (`roleSlug` replaces all roles), recorded
   * in the audit trail (`member.role_changed`, before and after).
   */
  async changeRole(
    caller: AdminCaller,
    membershipId: string,
    roleSlug: string,
  ): Promise<RoleChange> {
    const organizationId = organizationOf(caller.user);
    const target = await this.directory.findInOrganization(organizationId, membershipId);
    const targetUser = await this.userOf(target);
    const roles = await this.roles.list(organizationId);
    if (!roles.some((r) => r.slug === roleSlug)) {
      throw validationFailed([
        { field: 'roleSlug', message: 'is not a role of this organization' },
      ]);
    }
    const adminSlugs = adminRoleSlugs(roles);
    if (wouldLoseAdmin(target, roleSlug, adminSlugs)) {
      await this.requireAnotherAdmin(organizationId, target, adminSlugs, 'demote');
    }
    const previousRoleSlug = target.role.slug;
    const unchanged = roleSlugsOf(target).length === 1 && previousRoleSlug === roleSlug;
    const updated = unchanged
      ? target
      : await this.audited.run(caller, {
          action: 'member.role_changed',
          organizationId,
          target: { type: 'membership', id: membershipId, label: targetUser.email },
          before: { roleSlugs: roleSlugsOf(target) },
          run: () =>
            this.workos.call('updateOrganizationMembership', (sdk) =>
              sdk.userManagement.updateOrganizationMembership(membershipId, { roleSlug }),
            ),
          after: (membership) => ({ roleSlugs: roleSlugsOf(membership) }),
        });
    return {
      member: toMember(updated, targetUser, caller.user.id),
      previousRoleSlug,
      effective: 'next_token_refresh',
    };
  }

  /** Removes a member from the organization (deletes the membership), recorded as `member.removed`. */
  async remove(caller: AdminCaller, membershipId: string): Promise<void> {
    const organizationId = organizationOf(caller.user);
    const target = await this.directory.findInOrganization(organizationId, membershipId);
    refuseSelfRemoval(target, caller.user.id);
    const targetUser = await this.userOf(target);
    const adminSlugs = adminRoleSlugs(await this.roles.list(organizationId));
    if (isActiveAdmin(target, adminSlugs)) {
      await this.requireAnotherAdmin(organizationId, target, adminSlugs, 'remove');
    }
    await this.audited.run(caller, {
      action: 'member.removed',
      organizationId,
      target: { type: 'membership', id: membershipId, label: targetUser.email },
      before: { userId: target.userId, status: target.status, roleSlugs: roleSlugsOf(target) },
      run: () =>
        this.workos.call('deleteOrganizationMembership', (sdk) =>
          sdk.userManagement.deleteOrganizationMembership(membershipId),
        ),
      after: () => ({ removed: true }),
    });
  }

  /** 409 `last_admin` unless another active member of the organization holds an admin role. */
  private async requireAnotherAdmin(
    organizationId: string,
    target: OrganizationMembership,
    adminSlugs: ReadonlySet<string>,
    action: 'remove' | 'demote',
  ): Promise<void> {
    let found = false;
    await this.directory.scanMemberships(organizationId, ['active'], (m) => {
      found = m.id !== target.id && isActiveAdmin(m, adminSlugs);
      return found;
    });
    if (!found) lastAdminConflict(action);
  }

  /** The user of a membership (404 `not_found` if WorkOS deleted it meanwhile). */
  private async userOf(membership: OrganizationMembership): Promise<User> {
    const found = (await this.directory.usersById([membership.userId])).get(membership.userId);
    if (!found) throw notFound('member');
    return found;
  }

  private join(
    memberships: readonly OrganizationMembership[],
    users: ReadonlyMap<string, User>,
    callerId: string,
  ): Member[] {
    return memberships.flatMap((m) => {
      const found = users.get(m.userId);
      return found ? [toMember(m, found, callerId)] : [];
    });
  }
}
