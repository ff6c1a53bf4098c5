import type { AuthState, SessionUser } from '../session/session.types.js';

/** The fields a refresh (or an organization switch) replaces in {@link AuthState}. */
export type RefreshedAuth = Pick<
  AuthState,
  | 'sealedTokens'
  | 'accessExpiresAt'
  | 'organizationId'
  | 'role'
  | 'roles'
  | 'permissions'
  | 'user'
  | 'workosSessionId'
>;

/** The {@link RefreshedAuth} fields of a session. */
export function pickRefreshed(auth: AuthState): RefreshedAuth {
  const {
    sealedTokens,
    accessExpiresAt,
    organizationId,
    role,
    roles,
    permissions,
    user,
    workosSessionId,
  } = auth;
  return {
    sealedTokens,
    accessExpiresAt,
    organizationId,
    role,
    roles,
    permissions,
    user,
    workosSessionId,
  };
}

/** Maps an SDK user onto the session's user. */
export function toSessionUser(user: {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  profilePictureUrl: string | null;
}): SessionUser {
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName ?? null,
    lastName: user.lastName ?? null,
    profilePictureUrl: user.profilePictureUrl ?? null,
  };
}
