import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminApi, ApiErrors } from '../admin-api/admin-api.decorators.js';
import { organizationOf } from '../admin-api/organization-scope.js';
import { CurrentUser, Permissions, type AuthenticatedUser } from '../auth/index.js';
import { roleListSchema, type RoleList } from './role.schemas.js';
import { RolesService } from './roles.service.js';

/** The roles a member of the caller's organization can be given. */
@AdminApi('roles')
@Controller('roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Get()
  @Permissions({ anyOf: ['users:read'] })
  @ApiOperation({ summary: "The caller's organization's roles, highest priority first" })
  @ApiOkResponse({ standardSchema: roleListSchema })
  @ApiErrors(403)
  async list(@CurrentUser() user: AuthenticatedUser): Promise<RoleList> {
    return { data: await this.roles.list(organizationOf(user)) };
  }
}
