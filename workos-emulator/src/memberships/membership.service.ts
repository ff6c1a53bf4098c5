import type { EventRecorder } from '../events/event.recorder.js';
import { ApiError, notFound } from '../http/errors.js';
import type { Directory } from '../seed/directory.js';
import type { Clock } from '../util/clock.js';
import type { IdFactory } from '../util/ids.js';
import type { MembershipRecord, MembershipStatus } from './membership.store.js';
import { membershipEventData } from './membership.wire.js';

/** Collaborators of {@link MembershipService}. */
export interface MembershipServiceDeps {
  directory: Directory;
  events: EventRecorder;
  clock: Clock;
  ids: IdFactory;
}

/**
 * Production's membership rules, shared by the API and nothing else: one membership per user and organization,
 * roles must be environment roles, pending memberships can only be deleted, deactivating or reactivating twice is
 * a no-op without an event. Every real change records its `organization_membership.*` event.
 */
export class MembershipService {
  constructor(private readonly deps: MembershipServiceDeps) {}

  get(id: string): MembershipRecord {
    const membership = this.deps.directory.memberships.get(id);
    if (membership === undefined) throw notFound('Organization membership', id);
    return membership;
  }

  /** 422 `invalid_role` unless the slug names an environment role. */
  checkRole(slug: string): void {
    if (this.deps.directory.role(slug) === undefined) {
      throw new ApiError(422, 'invalid_role', `Role '${slug}' is not a valid role.`);
    }
  }

  /** Creates an active membership, or reactivates an inactive one with the given role. */
  create(userId: string, organizationId: string, roleSlug: string | undefined): MembershipRecord {
    const { directory, clock } = this.deps;
    if (directory.user(userId) === undefined) throw notFound('User', userId);
    if (directory.organization(organizationId) === undefined)
      throw notFound('Organization', organizationId);
    const role = roleSlug ?? directory.defaultRoleSlug();
    this.checkRole(role);
    const existing = directory.memberships.find(userId, organizationId);
    if (existing?.status === 'active') {
      throw new ApiError(
        400,
        'user_already_organization_member',
        'The user is already a member of this organization.',
      );
    }
    if (existing?.status === 'pending') {
      throw new ApiError(
        400,
        'cannot_reactivate_pending_organization_membership',
        'A pending organization membership cannot be reactivated. The user needs to accept the invitation instead.',
      );
    }
    const now = clock();
    if (existing !== undefined) {
      return this.save(existing, { roleSlug: role, status: 'active' });
    }
    const created: MembershipRecord = {
      id: this.deps.ids.next('om', now),
      userId,
      organizationId,
      roleSlug: role,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    directory.memberships.insert(created);
    this.record('organization_membership.created', created);
    return created;
  }

  changeRole(id: string, roleSlug: string): MembershipRecord {
    const membership = this.get(id);
    this.checkRole(roleSlug);
    return membership.roleSlug === roleSlug ? membership : this.save(membership, { roleSlug });
  }

  remove(id: string): void {
    const membership = this.get(id);
    this.deps.directory.memberships.delete(id);
    this.record('organization_membership.deleted', membership);
  }

  deactivate(id: string): MembershipRecord {
    const membership = this.get(id);
    if (membership.status === 'pending') {
      throw new ApiError(
        400,
        'cannot_deactivate_pending_organization_membership',
        'A pending organization membership cannot be deactivated. This membership should be deleted instead.',
      );
    }
    return membership.status === 'inactive'
      ? membership
      : this.save(membership, { status: 'inactive' });
  }

  reactivate(id: string): MembershipRecord {
    const membership = this.get(id);
    if (membership.status === 'pending') {
      throw new ApiError(
        400,
        'cannot_reactivate_pending_organization_membership',
        'A pending organization membership cannot be reactivated. The user needs to accept the invitation instead.',
      );
    }
    return membership.status === 'active'
      ? membership
      : this.save(membership, { status: 'active' });
  }

  /** Saves a change and records `organization_membership.updated` with the previous values. */
  private save(
    membership: MembershipRecord,
    change: { roleSlug?: string; status?: MembershipStatus },
  ): MembershipRecord {
    const updated: MembershipRecord = { ...membership, ...change, updatedAt: this.deps.clock() };
    this.deps.directory.memberships.update(updated);
    const previous: Record<string, unknown> = {};
    if (updated.roleSlug !== membership.roleSlug) previous['role'] = { slug: membership.roleSlug };
    if (updated.status !== membership.status) previous['status'] = membership.status;
    this.record('organization_membership.updated', updated, previous);
    return updated;
  }

  private record(type: string, m: MembershipRecord, previous?: Record<string, unknown>): void {
    this.deps.events.record(type, membershipEventData(m), {
      organizationId: m.organizationId,
      ...(previous === undefined ? {} : { context: { previous_attributes: previous } }),
    });
  }
}
