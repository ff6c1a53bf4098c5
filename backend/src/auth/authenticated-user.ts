import { z } from 'zod';

/** Who is impersonating the user (WorkOS `act` claim). */
export interface Impersonator {
  /** The impersonating admin (`act.sub`, usually an email). */
  readonly subject: string;
}

/**
 * The verified caller, built only from the token's claims (never from request headers).
 * Instances are frozen: a cached user is shared by the requests that carry the same token.
 */
export interface AuthenticatedUser {
  /** WorkOS user id (`sub`). */
  readonly id: string;
  /** WorkOS session id (`sid`). */
  readonly sessionId: string;
  /** Organization of an org-scoped session (`org_id`), else null. */
  readonly organizationId: string | null;
  /** The primary role (`role`), else null. */
  readonly role: string | null;
  /** All roles: `roles`, plus `role` when it is not listed. */
  readonly roles: readonly string[];
  /** `permissions`. */
  readonly permissions: readonly string[];
  /** `entitlements`. */
  readonly entitlements: readonly string[];
  /** `feature_flags`. */
  readonly featureFlags: readonly string[];
  /** Set while an admin impersonates the user (`act`). */
  readonly impersonator: Impersonator | null;
  /** Token expiry (`exp`), in seconds since the epoch. */
  readonly expiresAt: number;
  /** All verified claims as received. */
  readonly claims: Readonly<Record<string, unknown>>;
}

const stringList = z.array(z.string().max(256)).max(1_000).optional();

/** The claims the backend relies on; anything else passes through in `claims`. */
export const accessTokenClaimsSchema = z.looseObject({
  sub: z.string().min(1).max(256),
  sid: z.string().min(1).max(256),
  exp: z.number().int().positive(),
  org_id: z.string().min(1).max(256).optional(),
  role: z.string().min(1).max(256).optional(),
  roles: stringList,
  permissions: stringList,
  entitlements: stringList,
  feature_flags: stringList,
  act: z.looseObject({ sub: z.string().min(1).max(320) }).optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Maps verified claims to an {@link AuthenticatedUser}.
 *
 * @param clientId when the token has an `aud`, it must name this client. WorkOS access tokens carry
 *   no `aud` (the issuer names the client), so a missing `aud` is accepted.
 * @returns the user, or null when the claims are missing or malformed.
 */
export function userFromClaims(
  claims: Record<string, unknown>,
  clientId: string,
): AuthenticatedUser | null {
  const parsed = accessTokenClaimsSchema.safeParse(claims);
  if (!parsed.success) return null;
  const c = parsed.data;
  if (c.aud !== undefined) {
    const audiences = Array.isArray(c.aud) ? c.aud : [c.aud];
    if (!audiences.includes(clientId)) return null;
  }
  const roles = [...(c.roles ?? [])];
  if (c.role !== undefined && !roles.includes(c.role)) roles.unshift(c.role);
  return deepFreeze({
    id: c.sub,
    sessionId: c.sid,
    organizationId: c.org_id ?? null,
    role: c.role ?? null,
    roles,
    permissions: [...(c.permissions ?? [])],
    entitlements: [...(c.entitlements ?? [])],
    featureFlags: [...(c.feature_flags ?? [])],
    impersonator: c.act ? { subject: c.act.sub } : null,
    expiresAt: c.exp,
    claims: structuredClone(claims),
  });
}
