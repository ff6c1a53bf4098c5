/** A `GET /auth/session` body as the BFF sends it (override any field). */
export function sessionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    user: {
      id: 'user_01ADA',
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      profilePictureUrl: null,
    },
    organizationId: 'org_01ACME',
    role: 'member',
    roles: ['member'],
    permissions: ['widgets:read'],
    expiresAt: new Date(now + 8 * 3600_000).toISOString(),
    idleExpiresAt: now + 30 * 60_000,
    ...overrides,
  };
}

/** The same body for an administrator. */
export function adminSessionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return sessionBody({
    role: 'admin',
    roles: ['admin'],
    permissions: ['admin:read', 'widgets:read'],
    ...overrides,
  });
}

/** Example Corp and Globex as the BFF lists a user's memberships. */
export const ACME = { id: 'org_01ACME', name: 'Acme Corp', role: 'member' } as const;
export const GLOBEX = { id: 'org_01GLOBEX', name: 'Globex', role: 'admin' } as const;

/** A session of a user with two memberships, currently in `current`. */
export function multiOrganizationSessionBody(
  current: typeof ACME | typeof GLOBEX = ACME,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const body = current.role === 'admin' ? adminSessionBody() : sessionBody();
  return {
    ...body,
    organizationId: current.id,
    organization: current,
    organizations: [ACME, GLOBEX],
    ...overrides,
  };
}
