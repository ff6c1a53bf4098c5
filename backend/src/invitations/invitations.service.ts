import { Injectable } from '@nestjs/common';
import type { WorkOS, Invitation as WorkosInvitation } from '@workos-inc/node';
import { isNotFound, notFound, validationFailed } from '../http/index.js';
import { AuditedActions, type AdminCaller } from '../admin-api/audited-action.js';
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
    private readonly audited: AuditedActions,
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

  /**
   * Invites `email` with one of the organization's roles; the caller is named as the inviter.
   * Recorded as `invitation.sent` (the target is the email: the invitation id comes after).
   */
  async send(caller: AdminCaller, body: SendInvitationBody): Promise<Invitation> {
    const organizationId = organizationOf(caller.user);
    const roles = await this.roles.list(organizationId);
    if (!roles.some((r) => r.slug === body.roleSlug)) {
      throw validationFailed([
        { field: 'roleSlug', message: 'is not a role of this organization' },
      ]);
    }
    const sent = await this.audited.run(caller, {
      action: 'invitation.sent',
      organizationId,
      target: { type: 'email', id: body.email, label: body.email },
      run: () =>
        this.workos.call('sendInvitation', (sdk) =>
          sdk.userManagement.sendInvitation({
            email: body.email,
            organizationId,
            roleSlug: body.roleSlug,
            inviterUserId: caller.user.id,
            ...(body.expiresInDays === undefined ? {} : { expiresInDays: body.expiresInDays }),
          }),
        ),
      after: (invitation) => ({
        invitationId: invitation.id,
        roleSlug: invitation.roleSlug,
        state: invitation.state,
        expiresAt: invitation.expiresAt,
      }),
    });
    return toInvitation(sent);
  }

  /** Sends a pending invitation's email again (`invitation.resent`). */
  async resend(caller: AdminCaller, invitationId: string): Promise<Invitation> {
    return this.change(caller, invitationId, 'invitation.resent', (sdk) =>
      sdk.userManagement.resendInvitation(invitationId),
    );
  }

  /** Revokes a pending invitation, so its link stops working (`invitation.revoked`). */
  async revoke(caller: AdminCaller, invitationId: string): Promise<Invitation> {
    return this.change(caller, invitationId, 'invitation.revoked', (sdk) =>
      sdk.userManagement.revokeInvitation(invitationId),
    );
  }

  /** One audited change of an invitation of the caller's organization. */
  private async change(
    caller: AdminCaller,
    invitationId: string,
    action: string,
    write: (sdk: WorkOS) => Promise<WorkosInvitation>,
  ): Promise<Invitation> {
    const organizationId = organizationOf(caller.user);
    const current = await this.findInOrganization(organizationId, invitationId);
    const changed = await this.audited.run(caller, {
      action,
      organizationId,
      target: { type: 'invitation', id: invitationId, label: current.email },
      before: { state: current.state },
      run: () => this.workos.call(action, write),
      after: (invitation) => ({ state: invitation.state }),
    });
    return toInvitation(changed);
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
