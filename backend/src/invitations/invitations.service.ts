import { Injectable } from '@nestjs/common';
import type { Invitation as WorkosInvitation } from '@workos-inc/node';
import { isNotFound, notFound, validationFailed } from '../http/index.js';
import { organizationOf } from '../admin-api/organization-scope.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { RolesService } from '../roles/roles.service.js';
import { WorkosGateway } from '../workos/workos.gateway.js';
import type {
  Invitation,
  InvitationPage,
  ListInvitationsQuery,
  SendInvitationBody,
} from './invitation.schemas.js';

function toInvitation(invitation: WorkosInvitation): Invitation {
  return {
    id: invitation.id,
    email: invitation.email,
    state: invitation.state,
    roleSlug: invitation.roleSlug ?? null,
    inviterUserId: invitation.inviterUserId,
    acceptedUserId: invitation.acceptedUserId,
    expiresAt: invitation.expiresAt,
    acceptedAt: invitation.acceptedAt,
    revokedAt: invitation.revokedAt,
    createdAt: invitation.createdAt,
  };
}

/** Invitations to the caller's organization: list, send, resend, revoke. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly workos: WorkosGateway,
    private readonly roles: RolesService,
  ) {}

  async list(user: AuthenticatedUser, query: ListInvitationsQuery): Promise<InvitationPage> {
    const organizationId = organizationOf(user);
    const page = await this.workos.call('listInvitations', (sdk) =>
      sdk.userManagement.listInvitations({
        organizationId,
        limit: query.limit,
        ...(query.after === undefined ? {} : { after: query.after }),
        ...(query.before === undefined ? {} : { before: query.before }),
      }),
    );
    return {
      data: page.data.map(toInvitation),
      listMetadata: {
        before: page.listMetadata.before ?? null,
        after: page.listMetadata.after ?? null,
      },
    };
  }

  /** Invites `email` with one of the organization's roles; the caller is named as the inviter. */
  async send(user: AuthenticatedUser, body: SendInvitationBody): Promise<Invitation> {
    const organizationId = organizationOf(user);
    const roles = await this.roles.list(organizationId);
    if (!roles.some((r) => r.slug === body.roleSlug)) {
      throw validationFailed([
        { field: 'roleSlug', message: 'is not a role of this organization' },
      ]);
    }
    const sent = await this.workos.call('sendInvitation', (sdk) =>
      sdk.userManagement.sendInvitation({
        email: body.email,
        organizationId,
        roleSlug: body.roleSlug,
        inviterUserId: user.id,
        ...(body.expiresInDays === undefined ? {} : { expiresInDays: body.expiresInDays }),
      }),
    );
    return toInvitation(sent);
  }

  /** Sends a pending invitation's email again. */
  async resend(user: AuthenticatedUser, invitationId: string): Promise<Invitation> {
    await this.findInOrganization(organizationOf(user), invitationId);
    const resent = await this.workos.call('resendInvitation', (sdk) =>
      sdk.userManagement.resendInvitation(invitationId),
    );
    return toInvitation(resent);
  }

  /** Revokes a pending invitation (its link stops working). */
  async revoke(user: AuthenticatedUser, invitationId: string): Promise<Invitation> {
    await this.findInOrganization(organizationOf(user), invitationId);
    const revoked = await this.workos.call('revokeInvitation', (sdk) =>
      sdk.userManagement.revokeInvitation(invitationId),
    );
    return toInvitation(revoked);
  }

  /**
   * The invitation if it belongs to the organization.
   *
   * @throws ApiError 404 `not_found` for an unknown id and another organization's id alike.
   */
  async findInOrganization(organizationId: string, invitationId: string): Promise<Invitation> {
    let invitation: WorkosInvitation;
    try {
      invitation = await this.workos.call('getInvitation', (sdk) =>
        sdk.userManagement.getInvitation(invitationId),
      );
    } catch (error) {
      if (isNotFound(error)) throw notFound('invitation');
      throw error;
    }
    if (invitation.organizationId !== organizationId) throw notFound('invitation');
    return toInvitation(invitation);
  }
}
