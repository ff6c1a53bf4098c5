/** The user as the SPA sees it (no token material). */
export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly profilePictureUrl: string | null;
}

/** One of the user's organizations as the SPA lists it: names, not only ids. */
export interface OrganizationSummary {
  readonly id: string;
  readonly name: string;
  /** The user's role slug there (the access token's `role` for the current organization). */
  readonly role: string | null;
}

/** The WorkOS dashboard user impersonating this session's user (WorkOS `impersonator`). */
export interface Impersonator {
  readonly email: string;
  readonly reason: string | null;
}

/** What a signed-in session holds. Tokens are only ever present sealed (`sealedTokens`). */
export interface AuthState {
  user: SessionUser;
  /** WorkOS session id (`sid` claim); not a credential. */
  workosSessionId: string;
  organizationId: string | null;
  role: string | null;
  roles: string[];
  permissions: string[];
  /** iron seal of {@link TokenPair}. */
  sealedTokens: string;
  /** Access-token `exp`, in ms since the epoch. */
  accessExpiresAt: number;
  /** Session creation (drives the absolute timeout), ms. */
  createdAt: number;
  /** Last activity (drives the idle timeout), ms. */
  lastSeenAt: number;
  /**
   * The user's active memberships, sorted by name (bounded, see `organizations.ts`); absent until
   * the first `GET /auth/session` loaded them, replaced on an organization switch.
   */
  organizations?: OrganizationSummary[];
  /** Set for an impersonated sign-in; absent or null otherwise. */
  impersonator?: Impersonator | null;
}

/** The plaintext token pair, only ever held in memory. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/**
 * Why a session was ended from outside the request that carried it. A request presenting the
 * cookie of such a session gets 401 `session_expired` (a plain logout answers `unauthenticated`).
 */
export type SessionEndReason = 'revoked' | 'user_deleted' | 'signed_out_everywhere';

declare module 'express-session' {
  interface SessionData {
    auth?: AuthState;
    /** Set only on the placeholder a store returns for a session ended by {@link SessionEndReason}. */
    ended?: SessionEndReason;
  }
}
