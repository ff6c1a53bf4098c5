import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminApi, ApiErrors } from '../admin-api/admin-api.decorators.js';
import type { AuditRequestContext } from '../audit/audit-event.js';
import { AuditRequest } from '../audit/recording/request-context.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/index.js';
import { sessionIdSchema, sessionListSchema, type SessionList } from './session.schemas.js';
import { SessionsService } from './sessions.service.js';

/** "My sessions": any signed-in user, about their own sessions only. */
@AdminApi('sessions')
@Controller('me/sessions')
export class MySessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiOperation({
    summary: 'My active sessions (every browser and device), the current one marked',
  })
  @ApiOkResponse({ standardSchema: sessionListSchema })
  list(@CurrentUser() user: AuthenticatedUser): Promise<SessionList> {
    return this.sessions.mine(user);
  }

  @Post(':sessionId/revoke')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Sign out one of my other sessions',
    description: '409 `current_session` for the session of this request: sign out instead.',
  })
  @ApiNoContentResponse({ description: 'Revoked (or already ended).' })
  @ApiErrors(400, 404, 409)
  revoke(
    @CurrentUser() user: AuthenticatedUser,
    @AuditRequest() request: AuditRequestContext,
    @Param('sessionId', { schema: sessionIdSchema }) sessionId: string,
  ): Promise<void> {
    return this.sessions.revokeMine({ user, request }, sessionId);
  }
}
