import { Injectable } from '@nestjs/common';
import type { Role as WorkosRole } from '@workos-inc/node';
import { WorkosGateway } from '../workos/workos.gateway.js';
import type { Role } from './role.schemas.js';

/** The permission that lets a member manage members: who holds it counts as an admin. */
export const MANAGE_MEMBERS_PERMISSION = 'users:write';

function toRole(role: WorkosRole): Role {
  return {
    slug: role.slug,
    name: role.name,
    description: role.description,
    permissions: [...role.permissions],
    type: role.type === 'OrganizationRole' ? 'organization' : 'environment',
  };
}

/** The roles of one organization, read from WorkOS on every call (roles change rarely, but do). */
@Injectable()
export class RolesService {
  constructor(private readonly workos: WorkosGateway) {}

  async list(organizationId: string): Promise<Role[]> {
    const list = await this.workos.call('listOrganizationRoles', (sdk) =>
      sdk.authorization.listOrganizationRoles(organizationId),
    );
    return list.data.map(toRole);
  }
}

/** Slugs of the roles that grant {@link MANAGE_MEMBERS_PERMISSION} (the "admin" roles). */
export function adminRoleSlugs(roles: readonly Role[]): Set<string> {
  return new Set(
    roles.filter((r) => r.permissions.includes(MANAGE_MEMBERS_PERMISSION)).map((r) => r.slug),
  );
}
