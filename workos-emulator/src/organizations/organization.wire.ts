import { SEED_CREATED_AT } from '../memberships/membership.store.js';
import type { SeedOrganization } from '../seed/seed.types.js';
import { stableId } from '../util/ids.js';

/** When a seeded organization was created (its `createdAt`, else 2025-01-01). */
export function organizationCreatedAt(org: SeedOrganization): number {
  return org.createdAt === undefined ? SEED_CREATED_AT : Date.parse(org.createdAt);
}

/**
 * Production's `Organization` object. Seeded domains are `verified` (by `manual` verification) and get stable
 * `org_domain_` ids; seeded organizations never change, so `updated_at` is their creation time.
 */
export function organizationObject(org: SeedOrganization): Record<string, unknown> {
  const created = organizationCreatedAt(org);
  const at = new Date(created).toISOString();
  return {
    object: 'organization',
    id: org.id,
    name: org.name,
    allow_profiles_outside_organization: false,
    domains: (org.domains ?? []).map((domain) => ({
      object: 'organization_domain',
      id: stableId('org_domain', created, `${org.id}|${domain}`),
      organization_id: org.id,
      domain,
      state: 'verified',
      verification_strategy: 'manual',
      created_at: at,
      updated_at: at,
    })),
    metadata: { ...(org.metadata ?? {}) },
    external_id: org.externalId ?? null,
    created_at: at,
    updated_at: at,
  };
}
