import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminApi, ApiErrors } from '../admin-api/admin-api.decorators.js';
import type { AuditRequestContext } from '../audit/audit-event.js';
import { AuditRequest } from '../audit/recording/request-context.js';
import { CurrentUser, Permissions, type AuthenticatedUser } from '../auth/index.js';
import { membershipIdSchema } from '../members/member.schemas.js';
import { sessionIdSchema, sessionListSchema, type SessionList } from './session.schemas.js';
import { SessionsService } from './sessions.service.js';

/** A member's sessions in the caller's organization, for admins. */
@AdminApi('sessions')
@Controller('members/:membershipId/sessions')
export class MemberSessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @Permissions({ anyOf: ['sessions:read'] })
  @ApiOperation({ summary: "A member's active sessions in this organization" })
  @ApiOkResponse({ standardSchema: sessionListSchema })
  @ApiErrors(400, 403, 404)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('membershipId', { schema: membershipIdSchema }) membershipId: string,
  ): Promise<SessionList> {
    return this.sessions.ofMember(user, membershipId);
  }

  @Post(':sessionId/revoke')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Permissions({ anyOf: ['sessions:revoke'] })
  @ApiOperation({
    summary: "Sign out one of a member's sessions in this organization",
    description: 'The BFF signs that session out on its next request (`session.revoked`).',
  })
  @ApiNoContentResponse({ description: 'Revoked (or already ended).' })
  @ApiErrors(400, 403, 404, 409)
  revoke(
    @CurrentUser() user: AuthenticatedUser,
    @AuditRequest() request: AuditRequestContext,
    @Param('membershipId', { schema: membershipIdSchema }) membershipId: string,
    @Param('sessionId', { schema: sessionIdSchema }) sessionId: string,
  ): Promise<void> {
    return this.sessions.revokeOfMember({ user, request }, membershipId, sessionId);
  }
}
