import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminApi, ApiErrors } from '../admin-api/admin-api.decorators.js';
import type { AuditRequestContext } from '../audit/audit-event.js';
import { AuditRequest } from '../audit/recording/request-context.js';
import { CurrentUser, Permissions, type AuthenticatedUser } from '../auth/index.js';
import {
  invitationIdSchema,
  invitationPageSchema,
  invitationSchema,
  listInvitationsQuerySchema,
  sendInvitationBodySchema,
  type Invitation,
  type InvitationPage,
  type ListInvitationsQuery,
  type SendInvitationBody,
} from './invitation.schemas.js';
import { InvitationsService } from './invitations.service.js';

/** Invitations to the caller's organization. */
@AdminApi('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @Permissions({ anyOf: ['users:read'] })
  @ApiOperation({ summary: "List the organization's invitations (every state), newest first" })
  @ApiOkResponse({ standardSchema: invitationPageSchema })
  @ApiErrors(400, 403)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query({ schema: listInvitationsQuerySchema }) query: ListInvitationsQuery,
  ): Promise<InvitationPage> {
    return this.invitations.list(user, query);
  }

  @Post()
  @Permissions({ anyOf: ['users:write'] })
  @ApiOperation({
    summary: 'Invite someone to the organization with a role',
    description:
      '409 `email_already_invited_to_organization` / `user_already_organization_member` for duplicates.',
  })
  @ApiCreatedResponse({ standardSchema: invitationSchema })
  @ApiErrors(400, 403, 409, 422)
  send(
    @CurrentUser() user: AuthenticatedUser,
    @AuditRequest() request: AuditRequestContext,
    @Body({ schema: sendInvitationBodySchema }) body: SendInvitationBody,
  ): Promise<Invitation> {
    return this.invitations.send({ user, request }, body);
  }

  @Post(':invitationId/resend')
  @HttpCode(HttpStatus.OK)
  @Permissions({ anyOf: ['users:write'] })
  @ApiOperation({ summary: 'Send a pending invitation again (409 `invitation_not_pending`)' })
  @ApiOkResponse({ standardSchema: invitationSchema })
  @ApiErrors(400, 403, 404, 409, 422)
  resend(
    @CurrentUser() user: AuthenticatedUser,
    @AuditRequest() request: AuditRequestContext,
    @Param('invitationId', { schema: invitationIdSchema }) invitationId: string,
  ): Promise<Invitation> {
    return this.invitations.resend({ user, request }, invitationId);
  }

  @Post(':invitationId/revoke')
  @HttpCode(HttpStatus.OK)
  @Permissions({ anyOf: ['users:write'] })
  @ApiOperation({ summary: 'Revoke a pending invitation (409 `invitation_not_pending`)' })
  @ApiOkResponse({ standardSchema: invitationSchema })
  @ApiErrors(400, 403, 404, 409)
  revoke(
    @CurrentUser() user: AuthenticatedUser,
    @AuditRequest() request: AuditRequestContext,
    @Param('invitationId', { schema: invitationIdSchema }) invitationId: string,
  ): Promise<Invitation> {
    return this.invitations.revoke({ user, request }, invitationId);
  }
}
