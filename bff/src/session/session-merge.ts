import type { SessionData } from 'express-session';

import type { AuthState } from './session.types.js';

/** The fields a token rotation (refresh, organization switch) replaces: they travel together. */
const TOKEN_FIELDS = [
  'sealedTokens',
  'accessExpiresAt',
  'organizationId',
  'role',
  'roles',
  'permissions',
  'user',
  'workosSessionId',
] as const satisfies readonly (keyof AuthState)[];

/** The {@link TOKEN_FIELDS} of a session. */
export type TokenFields = Pick<AuthState, (typeof TOKEN_FIELDS)[number]>;

/** The token fields of `auth`, copied. */
export function tokenFieldsOf(auth: AuthState): TokenFields {
  return Object.fromEntries(TOKEN_FIELDS.map((field) => [field, auth[field]])) as TokenFields;
}

/**
 * Tokens never go backwards. A request that loaded the session before a concurrent refresh
 * rotated its tokens still saves its copy at the end (its `lastSeenAt` changed); writing that
 * copy verbatim would put back the consumed refresh token, and a later refresh would replay it
 * (`invalid_grant` once the grace window is over: a logout out of nowhere). So when the stored
 * session holds a later access token, its token fields win and only the rest of the incoming copy
 * is taken.
 */
export function keepNewestTokens(
  stored: SessionData | undefined,
  incoming: SessionData,
): SessionData {
  const next = incoming.auth;
  const current = stored?.auth;
  if (!next || !current || current.accessExpiresAt <= next.accessExpiresAt) return incoming;
  return { ...incoming, auth: { ...next, ...tokenFieldsOf(current) } };
}

/** The placeholder a store returns for a session that was ended from outside (see `ended`). */
export function endedPlaceholder(reason: NonNullable<SessionData['ended']>): SessionData {
  return { cookie: { originalMaxAge: null }, ended: reason };
}
