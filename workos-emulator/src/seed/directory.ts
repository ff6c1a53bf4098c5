import type { MembershipRecord, MembershipStore } from '../memberships/membership.store.js';
import type { Seed, SeedClient, SeedOrganization, SeedRole, SeedUser } from './seed.types.js';

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
 * Read model over the seed (clients, users, organizations, roles) and the organization memberships, which start from
 * the seed and then live in the state database. Sign-ins, the sign-in page and tokens all ask here who belongs where.
 */
export class Directory {
  constructor(
    readonly seed: Seed,
    readonly memberships: MembershipStore,
    /** The start of the user's latest sign-in (ms), from the session records. */
    private readonly lastSignInOf: (userId: string) => number | null,
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

  role(slug: string): SeedRole | undefined {
    return this.seed.roles.find((r) => r.slug === slug);
  }

  /** The role a membership gets when none is named: the seed's `defaultRole`, else `member`, else the last role. */
  defaultRoleSlug(): string {
    const roles = this.seed.roles;
    return (
      this.seed.defaultRole ??
      this.role('member')?.slug ??
      roles[roles.length - 1]?.slug ??
      'member'
    );
  }

  /** The user's active memberships, in creation order. */
  activeMemberships(userId: string): MembershipRecord[] {
    return this.memberships.list({ userId, statuses: ['active'] });
  }

  /** The user's role in the organization, or undefined without an active membership. */
  roleOf(userId: string, organizationId: string): string | undefined {
    const membership = this.memberships.find(userId, organizationId);
    return membership?.status === 'active' ? membership.roleSlug : undefined;
  }

  /** Access-token claims for a session of `userId` in `organizationId` (undefined when not a member). */
  orgClaims(userId: string, organizationId: string): OrgClaims | undefined {
    const role = this.roleOf(userId, organizationId);
    const org = this.organization(organizationId);
    if (role === undefined || org === undefined) return undefined;
    const permissions = this.role(role)?.permissions ?? [];
    return {
      org_id: organizationId,
      role,
      roles: [role],
      permissions: [...permissions],
      entitlements: [...(org.entitlements ?? [])],
      feature_flags: [...(org.featureFlags ?? [])],
    };
  }

  /** Production's user object for the wire. */
  toUserland(user: SeedUser): UserlandUser {
    const createdAt = user.createdAt ?? DEFAULT_CREATED_AT;
    const lastSignIn = this.lastSignInOf(user.id);
    return {
      object: 'user',
      id: user.id,
      email: user.email,
      email_verified: user.emailVerified !== false,
      first_name: user.firstName,
      last_name: user.lastName,
      profile_picture_url: user.profilePictureUrl ?? null,
      last_sign_in_at: lastSignIn === null ? null : new Date(lastSignIn).toISOString(),
      locale: user.locale ?? null,
      external_id: user.externalId ?? null,
      metadata: { ...(user.metadata ?? {}) },
      created_at: createdAt,
      updated_at: createdAt,
    };
  }

  /** Restores the seed's memberships (registered URIs stay: they are configuration). */
  reset(): void {
    this.memberships.clear();
    this.memberships.applySeed(this.seed);
  }
}
