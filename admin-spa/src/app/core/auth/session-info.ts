/** The signed-in user as the BFF describes it. */
export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly profilePictureUrl: string | null;
}

/** An organization the user belongs to, with their role there. */
export interface SessionOrganization {
  readonly id: string;
  readonly name: string;
  readonly role: string | null;
}

/** The WorkOS dashboard user who started an impersonated sign-in, and why. */
export interface SessionImpersonator {
  readonly email: string;
  readonly reason: string | null;
}

/** What `GET /auth/session` tells the SPA about the current session (never a token). */
export interface SessionInfo {
  readonly user: SessionUser;
  readonly organizationId: string | null;
  /** The current organization; null without one (or from a BFF that does not send it). */
  readonly organization: SessionOrganization | null;
  /** Every membership of the user, as the BFF sorted them; empty from an older BFF. */
  readonly organizations: readonly SessionOrganization[];
  /** Set while a WorkOS dashboard user impersonates this user. */
  readonly impersonator: SessionImpersonator | null;
  readonly role: string | null;
  readonly roles: readonly string[];
  readonly permissions: readonly string[];
  /** Absolute expiry: the session ends then whatever the user does. */
  readonly expiresAt: Date | null;
  /** Idle expiry: moves forward whenever the session is used (except `?slide=false`). */
  readonly idleExpiresAt: Date | null;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/**
 * Reads an instant the BFF may send either as an ISO 8601 string or as epoch milliseconds.
 * Returns null for anything else, so a malformed value never turns into "Invalid Date".
 */
export function parseInstant(value: unknown): Date | null {
  let millis: number;
  if (typeof value === 'number') {
    millis = value;
  } else if (typeof value === 'string' && /^\d+$/.test(value)) {
    millis = Number(value);
  } else if (typeof value === 'string') {
    millis = Date.parse(value);
  } else {
    return null;
  }
  return Number.isFinite(millis) ? new Date(millis) : null;
}

function parseOrganization(value: unknown): SessionOrganization | null {
  if (!isObject(value)) return null;
  const id = optionalString(value.id);
  if (id === null) return null;
  // A missing name should not hide a membership: the id is the only other label there is.
  return { id, name: optionalString(value.name) ?? id, role: optionalString(value.role) };
}

function parseOrganizations(value: unknown): SessionOrganization[] {
  if (!Array.isArray(value)) return [];
  const byId = new Map<string, SessionOrganization>();
  for (const item of value) {
    const organization = parseOrganization(item);
    if (organization !== null && !byId.has(organization.id))
      byId.set(organization.id, organization);
  }
  return [...byId.values()];
}

function parseImpersonator(value: unknown): SessionImpersonator | null {
  if (!isObject(value)) return null;
  const email = optionalString(value.email);
  return email === null ? null : { email, reason: optionalString(value.reason) };
}

/**
 * The current organization: the BFF's `organization`, else the membership matching
 * `organizationId` (a BFF that lists memberships but not the current one).
 */
function currentOrganization(
  body: JsonObject,
  organizationId: string | null,
  organizations: readonly SessionOrganization[],
): SessionOrganization | null {
  const given = parseOrganization(body.organization);
  if (given !== null) return given;
  return organizations.find((organization) => organization.id === organizationId) ?? null;
}

/**
 * Validates a `GET /auth/session` body. Returns null when the body is not a session (no user id
 * or e-mail), which callers treat as a broken answer rather than as a signed-in user.
 */
export function parseSessionInfo(body: unknown): SessionInfo | null {
  if (!isObject(body) || !isObject(body.user)) return null;
  const user = body.user;
  const id = optionalString(user.id);
  const email = optionalString(user.email);
  if (id === null || email === null) return null;
  const roles = stringList(body.roles);
  const role = optionalString(body.role) ?? roles[0] ?? null;
  const organizations = parseOrganizations(body.organizations);
  const organization = currentOrganization(
    body,
    optionalString(body.organizationId),
    organizations,
  );
  return {
    user: {
      id,
      email,
      firstName: optionalString(user.firstName),
      lastName: optionalString(user.lastName),
      profilePictureUrl: optionalString(user.profilePictureUrl),
    },
    organizationId: optionalString(body.organizationId) ?? organization?.id ?? null,
    organization,
    organizations,
    impersonator: parseImpersonator(body.impersonator),
    role,
    roles: roles.length > 0 || role === null ? roles : [role],
    permissions: stringList(body.permissions),
    expiresAt: parseInstant(body.expiresAt),
    idleExpiresAt: parseInstant(body.idleExpiresAt),
  };
}

/** A display name for a user: "First Last", falling back to the e-mail address. */
export function displayName(user: SessionUser): string {
  const name = [user.firstName, user.lastName].filter((part) => part !== null).join(' ');
  return name.length > 0 ? name : user.email;
}

/** One or two initials for an avatar placeholder. */
export function initials(user: SessionUser): string {
  const first = user.firstName?.charAt(0) ?? '';
  const last = user.lastName?.charAt(0) ?? '';
  const letters = `${first}${last}`;
  return (letters.length > 0 ? letters : user.email.charAt(0)).toUpperCase();
}
