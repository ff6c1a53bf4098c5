/** An OAuth client (a WorkOS environment's application): its id, API key and allow-lists. */
export interface SeedClient {
  /** Client id, e.g. `client_gatehouse_dev`. */
  id: string;
  /** Secret API key (`sk_test_…`), accepted as `client_secret` and as `Authorization: Bearer`. */
  apiKey: string;
  /** Display name shown on the sign-in page. */
  name?: string;
  /** Redirect URIs accepted by `/user_management/authorize` (exact match). */
  redirectUris: string[];
  /** `return_to` values accepted by `/user_management/sessions/logout` (exact match); the first is the default. */
  logoutReturnUris: string[];
}

/** An environment role and the permissions it grants (put into the `permissions` claim), in priority order. */
export interface SeedRole {
  slug: string;
  name?: string;
  description?: string | null;
  permissions: string[];
}

/** An organization; `entitlements` and `featureFlags` go into the access token of its sessions. */
export interface SeedOrganization {
  id: string;
  name: string;
  entitlements?: string[];
  featureFlags?: string[];
  /** Verified domains (`example.com`). */
  domains?: string[];
  externalId?: string | null;
  metadata?: Record<string, string>;
  /** ISO 8601; defaults to 2025-01-01T00:00:00.000Z. */
  createdAt?: string;
  /**
   * Simulates an organization that enforces SSO or MFA: switching a session into it by refresh answers
   * `sso_required` / `mfa_enrollment`; signing in to it on the sign-in page stands in for that step.
   */
  requires?: 'sso' | 'mfa';
}

/** A WorkOS dashboard member who may impersonate users from the sign-in page (`act.sub` is their email). */
export interface SeedImpersonator {
  email: string;
  name: string;
}

/** A user's membership of an organization, with a role slug. */
export interface SeedMembership {
  organizationId: string;
  role: string;
  /** Default `active`; `inactive` (deactivated) and `pending` (invited) memberships cannot sign in to it. */
  status?: 'active' | 'inactive' | 'pending';
}

/** A user who can sign in on the emulator's page. */
export interface SeedUser {
  id: string;
  email: string;
  /** Plain-text password (this is a test fixture, never a real credential). */
  password: string;
  firstName: string | null;
  lastName: string | null;
  emailVerified?: boolean;
  profilePictureUrl?: string | null;
  externalId?: string | null;
  locale?: string | null;
  metadata?: Record<string, string>;
  /** ISO 8601; defaults to 2025-01-01T00:00:00.000Z so responses are stable. */
  createdAt?: string;
  memberships: SeedMembership[];
}

/** A webhook endpoint: signed events are POSTed to `url`. */
export interface SeedWebhook {
  url: string;
  /** Signs `WorkOS-Signature` (the receiver's `WORKOS_WEBHOOK_SECRET`). */
  secret: string;
  /** Event types delivered (default `["session.revoked"]`; `["*"]` for every event). */
  events?: string[];
}

/** The whole seed file (JSON). See README.md § Seed format. */
export interface Seed {
  clients: SeedClient[];
  /** Optional webhook endpoints. */
  webhooks?: SeedWebhook[];
  roles: SeedRole[];
  /** Role of memberships created without one (default `member`, else the last role). */
  defaultRole?: string;
  organizations: SeedOrganization[];
  users: SeedUser[];
  /** Who may start an impersonated sign-in (default seed: Sam Support). */
  impersonators?: SeedImpersonator[];
}
