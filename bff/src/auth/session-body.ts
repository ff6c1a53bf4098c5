import type { Request } from 'express';

import type { BffConfig } from '../config/config.schema.js';
import type {
  AuthState,
  Impersonator,
  OrganizationSummary,
  SessionUser,
} from '../session/session.types.js';
import { type OrganizationDirectory, sortByName } from './organization-directory.js';

/** What `GET /auth/session` and a successful `POST /auth/organization` answer (never a token). */
export interface SessionBody {
  readonly user: SessionUser;
  readonly organizationId: string | null;
  readonly organization: OrganizationSummary | null;
  readonly organizations: OrganizationSummary[];
  readonly impersonator: Impersonator | null;
  readonly role: string | null;
  readonly roles: string[];
  readonly permissions: string[];
  readonly expiresAt: string;
  readonly idleExpiresAt: string;
}

/**
 * The session as the SPA sees it. The current organization is the access token's (`org_id`, with
 * the token's `role`, which is what the backend enforces), named from the session's list; while
 * the list could not be loaded (WorkOS unreachable) its name is its id. `organizations` always
 * holds the current one, so during an outage it is that one alone.
 */
export function sessionBody(auth: AuthState, config: BffConfig): SessionBody {
  const listed = auth.organizations ?? [];
  const id = auth.organizationId;
  const known = id === null ? undefined : listed.find((o) => o.id === id);
  const organization: OrganizationSummary | null =
    id === null ? null : { id, name: known?.name ?? id, role: auth.role ?? known?.role ?? null };
  const others = listed.filter((o) => o.id !== id);
  return {
    user: auth.user,
    organizationId: id,
    organization,
    organizations: organization ? sortByName([organization, ...others]) : others,
    impersonator: auth.impersonator ?? null,
    role: auth.role,
    roles: auth.roles,
    permissions: auth.permissions,
    expiresAt: new Date(auth.createdAt + config.session.absoluteMs).toISOString(),
    idleExpiresAt: new Date(auth.lastSeenAt + config.session.idleMs).toISOString(),
  };
}

/**
 * Puts the user's organizations into the session (saved with it, sealed like the rest) when it
 * has none yet, or with `reload` (after an organization switch). When WorkOS fails or is slow the
 * session keeps what it had and the next request tries again.
 */
export async function loadOrganizations(
  req: Request,
  directory: OrganizationDirectory,
  { reload = false }: { reload?: boolean } = {},
): Promise<void> {
  const auth = req.session?.auth;
  if (!auth || (auth.organizations && !reload)) return;
  const list = await directory.load(auth.user.id, req.log);
  // The session may have ended while WorkOS answered.
  if (list && req.session?.auth === auth) auth.organizations = list;
}
