import { type TokenFields, tokenFieldsOf } from '../session/session-merge.js';
import type { AuthState, SessionUser } from '../session/session.types.js';

/** The fields a refresh (or an organization switch) replaces in {@link AuthState}. */
export type RefreshedAuth = TokenFields;

/** The {@link RefreshedAuth} fields of a session. */
export const pickRefreshed: (auth: AuthState) => RefreshedAuth = tokenFieldsOf;

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
