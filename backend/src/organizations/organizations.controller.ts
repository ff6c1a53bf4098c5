import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminApi } from '../admin-api/admin-api.decorators.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/index.js';
import { myOrganizationListSchema, type MyOrganizationList } from './organization.schemas.js';
import { OrganizationsService } from './organizations.service.js';

/** The caller's organizations, for the organization switcher (any signed-in user). */
@AdminApi('organizations')
@Controller('me/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({ summary: 'The organizations I am an active member of, sorted by name' })
  @ApiOkResponse({ standardSchema: myOrganizationListSchema })
  async list(@CurrentUser() user: AuthenticatedUser): Promise<MyOrganizationList> {
    return { data: await this.organizations.mine(user) };
  }
}
