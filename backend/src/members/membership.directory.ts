import { Injectable } from '@nestjs/common';
import type { OrganizationMembership, User } from '@workos-inc/node';
import { isNotFound, notFound } from '../http/index.js';
import { WorkosGateway } from '../workos/workos.gateway.js';

/** Every membership status; the admin lists show all of them. */
export const ALL_STATUSES: OrganizationMembership['status'][] = ['active', 'inactive', 'pending'];

/** WorkOS's largest page; scans read pages of this size. */
const SCAN_PAGE = 100;

/** Most memberships (or users) one request may read while scanning an organization. */
export const SCAN_LIMIT = 5_000;

/** Parallel `getUser` calls when filling in the users of a page. */
const USER_LOOKUP_BATCH = 10;

/**
 * Reads an organization's memberships and users from WorkOS, always confined to one organization:
 * a membership of another organization is reported exactly like an unknown id.
 */
@Injectable()
export class MembershipDirectory {
  constructor(private readonly workos: WorkosGateway) {}

  /**
   * The membership `membershipId` if it belongs to `organizationId`.
   *
   * @throws ApiError 404 `not_found` for an unknown id and for another organization's id alike.
   */
  async findInOrganization(
    organizationId: string,
    membershipId: string,
  ): Promise<OrganizationMembership> {
    let membership: OrganizationMembership;
    try {
      membership = await this.workos.call('getOrganizationMembership', (sdk) =>
        sdk.userManagement.getOrganizationMembership(membershipId),
      );
    } catch (error) {
      if (isNotFound(error)) throw notFound('member');
      throw error;
    }
    if (membership.organizationId !== organizationId) throw notFound('member');
    return membership;
  }

  /**
   * Calls `visit` with each membership of the organization (newest first) until it returns true
   * or the list ends. Reads at most {@link SCAN_LIMIT} memberships.
   *
   * @returns false when the scan stopped at the limit before the end of the list.
   */
  async scanMemberships(
    organizationId: string,
    statuses: OrganizationMembership['status'][],
    visit: (membership: OrganizationMembership) => boolean | void,
  ): Promise<boolean> {
    let after: string | undefined;
    for (let read = 0; read < SCAN_LIMIT; read += SCAN_PAGE) {
      const page = await this.workos.call('listOrganizationMemberships', (sdk) =>
        sdk.userManagement.listOrganizationMemberships({
          organizationId,
          statuses,
          limit: SCAN_PAGE,
          ...(after === undefined ? {} : { after }),
        }),
      );
      for (const membership of page.data) if (visit(membership) === true) return true;
      const next = page.listMetadata.after;
      if (!next || page.data.length === 0) return true;
      after = next;
    }
    return false;
  }

  /** The users of an organization by id (at most {@link SCAN_LIMIT}); false when cut short. */
  async organizationUsers(
    organizationId: string,
  ): Promise<{ users: Map<string, User>; complete: boolean }> {
    const users = new Map<string, User>();
    let after: string | undefined;
    while (users.size < SCAN_LIMIT) {
      const page = await this.workos.call('listUsers', (sdk) =>
        sdk.userManagement.listUsers({
          organizationId,
          limit: SCAN_PAGE,
          ...(after === undefined ? {} : { after }),
        }),
      );
      for (const user of page.data) users.set(user.id, user);
      const next = page.listMetadata.after;
      if (!next || page.data.length === 0) return { users, complete: true };
      after = next;
    }
    return { users, complete: false };
  }

  /**
   * The users with these ids, fetched in small parallel batches. A user WorkOS no longer knows
   * (deleted between two calls) is left out.
   */
  async usersById(userIds: readonly string[]): Promise<Map<string, User>> {
    const unique = [...new Set(userIds)];
    const users = new Map<string, User>();
    for (let i = 0; i < unique.length; i += USER_LOOKUP_BATCH) {
      const batch = unique.slice(i, i + USER_LOOKUP_BATCH);
      const found = await Promise.all(batch.map((id) => this.findUser(id)));
      for (const user of found) if (user) users.set(user.id, user);
    }
    return users;
  }

  private async findUser(userId: string): Promise<User | null> {
    try {
      return await this.workos.call('getUser', (sdk) => sdk.userManagement.getUser(userId));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}
