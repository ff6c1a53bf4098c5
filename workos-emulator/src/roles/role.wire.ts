import { SEED_CREATED_AT } from '../memberships/membership.store.js';
import type { SeedRole } from '../seed/seed.types.js';
import { stableId } from '../util/ids.js';

/**
 * Production's `Role` object for an environment role of the seed: a stable `role_` id, `type: EnvironmentRole`,
 * `resource_type_slug: organization`, and the seed's name (else the slug), description and permissions.
 */
export function roleObject(role: SeedRole): Record<string, unknown> {
  const at = new Date(SEED_CREATED_AT).toISOString();
  return {
    object: 'role',
    id: stableId('role', SEED_CREATED_AT, role.slug),
    name: role.name ?? role.slug,
    slug: role.slug,
    description: role.description ?? null,
    permissions: [...role.permissions],
    resource_type_slug: 'organization',
    type: 'EnvironmentRole',
    created_at: at,
    updated_at: at,
  };
}
