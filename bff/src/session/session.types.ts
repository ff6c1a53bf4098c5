/** The user as the SPA sees it (no token material). */
export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly profilePictureUrl: string | null;
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
}

/** The plaintext token pair, only ever held in memory. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

declare module 'express-session' {
  interface SessionData {
    auth?: AuthState;
  }
}
