import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Query,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminApi, ApiErrors } from '../admin-api/admin-api.decorators.js';
import type { AuditRequestContext } from '../audit/audit-event.js';
import { AuditRequest } from '../audit/recording/request-context.js';
import { CurrentUser, Permissions, type AuthenticatedUser } from '../auth/index.js';
import {
  changeRoleBodySchema,
  listMembersQuerySchema,
  memberPageSchema,
  membershipIdSchema,
  roleChangeSchema,
  type ChangeRoleBody,
  type ListMembersQuery,
  type MemberPage,
  type RoleChange,
} from './member.schemas.js';
import { MembersService } from './members.service.js';

/** Members of the caller's organization (the token's `org_id`, never a parameter). */
@AdminApi('members')
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @Permissions({ anyOf: ['users:read'] })
  @ApiOperation({ summary: 'List (and search) the members of the organization' })
  @ApiOkResponse({ standardSchema: memberPageSchema })
  @ApiErrors(400, 403, 422)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query({ schema: listMembersQuerySchema }) query: ListMembersQuery,
  ): Promise<MemberPage> {
    return this.members.list(user, query);
  }

  @Patch(':membershipId')
  @Permissions({ anyOf: ['users:write'] })
  @ApiOperation({
    summary: "Give a member one of the organization's roles",
    description:
      "Takes effect in the member's access token at its next refresh. 409 `last_admin` when it would leave no admin.",
  })
  @ApiOkResponse({ standardSchema: roleChangeSchema })
  @ApiErrors(400, 403, 404, 409, 422)
  changeRole(
    @CurrentUser() user: AuthenticatedUser,
    @AuditRequest() request: AuditRequestContext,
    @Param('membershipId', { schema: membershipIdSchema }) membershipId: string,
    @Body({ schema: changeRoleBodySchema }) body: ChangeRoleBody,
  ): Promise<RoleChange> {
    return this.members.changeRole({ user, request }, membershipId, body.roleSlug);
  }

  @Delete(':membershipId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Permissions({ anyOf: ['users:write'] })
  @ApiOperation({
    summary: 'Remove a member from the organization',
    description:
      '409 `cannot_remove_self` for your own membership, 409 `last_admin` for the last admin.',
  })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiErrors(400, 403, 404, 409)
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @AuditRequest() request: AuditRequestContext,
    @Param('membershipId', { schema: membershipIdSchema }) membershipId: string,
  ): Promise<void> {
    return this.members.remove({ user, request }, membershipId);
  }
}
