import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/index.js';
import { WorkosGateway } from '../workos/workos.gateway.js';
import type { MyOrganization } from './organization.schemas.js';

/** A user belongs to few organizations: one page of WorkOS's largest size covers them. */
const PAGE = 100;

/** The organizations of the caller's own active memberships. */
@Injectable()
export class OrganizationsService {
  constructor(private readonly workos: WorkosGateway) {}

  async mine(user: AuthenticatedUser): Promise<MyOrganization[]> {
    const organizations: MyOrganization[] = [];
    let after: string | undefined;
    do {
      const page = await this.workos.call('listOrganizationMemberships', (sdk) =>
        sdk.userManagement.listOrganizationMemberships({
          userId: user.id,
          statuses: ['active'],
          limit: PAGE,
          ...(after === undefined ? {} : { after }),
        }),
      );
      for (const m of page.data) {
        organizations.push({
          id: m.organizationId,
          name: m.organizationName,
          role: m.role.slug,
          current: m.organizationId === user.organizationId,
        });
      }
      after = page.data.length > 0 ? (page.listMetadata.after ?? undefined) : undefined;
    } while (after !== undefined && organizations.length < 10 * PAGE);
    return organizations.sort((a, b) => a.name.localeCompare(b.name));
  }
}
