import type { Clock } from '../util/clock.js';
import type { Seed, SeedClient, SeedOrganization, SeedUser } from './seed.types.js';

/** Production's `UserlandUser` wire object. */
export interface UserlandUser {
  object: 'user';
  id: string;
  email: string;
  email_verified: boolean;
  first_name: string | null;
  last_name: string | null;
  profile_picture_url: string | null;
  last_sign_in_at: string | null;
  locale: string | null;
  external_id: string | null;
  metadata: Record<string, string>;
  created_at: string;
  updated_at: string;
}

/** Organization-scoped claims of an access token. */
export interface OrgClaims {
  org_id: string;
  role: string;
  roles: string[];
  permissions: string[];
  entitlements: string[];
  feature_flags: string[];
}

const DEFAULT_CREATED_AT = '2025-01-01T00:00:00.000Z';

/**
 * Read model over the seed, plus the little mutable state that hangs off it (last sign-in times and the redirect URIs
 * that tests register at run time).
 */
export class Directory {
  private readonly lastSignIn = new Map<string, string>();

  constructor(
    readonly seed: Seed,
    private readonly clock: Clock,
  ) {}

  client(id: string): SeedClient | undefined {
    return this.seed.clients.find((c) => c.id === id);
  }

  /** The client whose API key this is, if any. */
  clientByApiKey(apiKey: string): SeedClient | undefined {
    return this.seed.clients.find((c) => c.apiKey === apiKey);
  }

  user(id: string): SeedUser | undefined {
    return this.seed.users.find((u) => u.id === id);
  }

  userByEmail(email: string): SeedUser | undefined {
    const wanted = email.trim().toLowerCase();
    return this.seed.users.find((u) => u.email === wanted);
  }

  organization(id: string): SeedOrganization | undefined {
    return this.seed.organizations.find((o) => o.id === id);
  }

  /** The user's role in the organization, or undefined when not a member. */
  roleOf(userId: string, organizationId: string): string | undefined {
    return this.user(userId)?.memberships.find((m) => m.organizationId === organizationId)?.role;
  }

  /** Access-token claims for a session of `userId` in `organizationId` (undefined when not a member). */
  orgClaims(userId: string, organizationId: string): OrgClaims | undefined {
    const role = this.roleOf(userId, organizationId);
    const org = this.organization(organizationId);
    if (role === undefined || org === undefined) return undefined;
    const permissions = this.seed.roles.find((r) => r.slug === role)?.permissions ?? [];
    return {
      org_id: organizationId,
      role,
      roles: [role],
      permissions: [...permissions],
      entitlements: [...(org.entitlements ?? [])],
      feature_flags: [...(org.featureFlags ?? [])],
    };
  }

  recordSignIn(userId: string): void {
    this.lastSignIn.set(userId, new Date(this.clock()).toISOString());
  }

  /** Production's user object for the wire. */
  toUserland(user: SeedUser): UserlandUser {
    const createdAt = user.createdAt ?? DEFAULT_CREATED_AT;
    return {
      object: 'user',
      id: user.id,
      email: user.email,
      email_verified: user.emailVerified !== false,
      first_name: user.firstName,
      last_name: user.lastName,
      profile_picture_url: user.profilePictureUrl ?? null,
      last_sign_in_at: this.lastSignIn.get(user.id) ?? null,
      locale: user.locale ?? null,
      external_id: user.externalId ?? null,
      metadata: { ...(user.metadata ?? {}) },
      created_at: createdAt,
      updated_at: createdAt,
    };
  }

  /** Forgets run-time state (last sign-in times). Registered URIs stay: they are configuration. */
  reset(): void {
    this.lastSignIn.clear();
  }
}
