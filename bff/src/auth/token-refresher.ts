import type { WorkOS } from '@workos-inc/node';

import type { Clock } from '../clock.js';
import type { Sealer } from '../crypto/seal.js';
import type { AuthState, SessionUser, TokenPair } from '../session/session.types.js';
import { readClaims } from './access-token.claims.js';
import { classifyWorkOSError, type ClassifiedFailure } from './refresh-errors.js';
import { SingleFlight } from './single-flight.js';

/** Refresh when the access token has less than this left. */
export const REFRESH_MARGIN_MS = 60_000;
/** How long a rotated pair is handed to requests that still carry the pre-rotation view. */
const SUCCESSOR_TTL_MS = 30_000;

/** The fields a refresh replaces in {@link AuthState}. */
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

/** Outcome of {@link TokenRefresher.refresh}. */
export type RefreshOutcome = Flight & {
  /** False for the one caller whose call reached WorkOS; true for callers that joined or hit the cache. */
  readonly shared: boolean;
};

type Flight =
  | { readonly ok: true; readonly auth: RefreshedAuth; readonly accessToken: string }
  | { readonly ok: false; readonly failure: ClassifiedFailure };

/** Caller context passed through to WorkOS. */
export interface RefreshContext {
  readonly ipAddress: string | undefined;
  readonly userAgent: string | undefined;
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

/**
 * Refreshes access tokens with `authenticateWithRefreshToken`, single-flighted per session.
 *
 * The single-flight key is the session's sealed token pair: every concurrent request of a session
 * loaded the same sealed value, so they share ONE WorkOS call. After it settles the result stays
 * available for 30 s under the same key (a "successor cache"), so a request that loaded the
 * session before the rotation was saved still gets the new pair instead of replaying the consumed
 * refresh token.
 */
export class TokenRefresher {
  private readonly flights = new SingleFlight<string, Flight>();
  private readonly successors = new Map<string, { outcome: Flight; until: number }>();

  constructor(
    private readonly workos: WorkOS,
    private readonly sealer: Sealer,
    private readonly clock: Clock,
  ) {}

  /** True when the access token has less than {@link REFRESH_MARGIN_MS} left. */
  needsRefresh(auth: AuthState): boolean {
    return auth.accessExpiresAt - this.clock() < REFRESH_MARGIN_MS;
  }

  /** Opens the sealed pair (undefined when it cannot be opened). */
  tokens(auth: AuthState): Promise<TokenPair | undefined> {
    return this.sealer.unseal<TokenPair>(auth.sealedTokens);
  }

  /** Refreshes the session's pair (joining a refresh already running for it). */
  refresh(auth: AuthState, context: RefreshContext): Promise<RefreshOutcome> {
    const key = auth.sealedTokens;
    const now = this.clock();
    for (const [k, entry] of this.successors) if (entry.until <= now) this.successors.delete(k);
    const cached = this.successors.get(key);
    if (cached) return Promise.resolve({ ...cached.outcome, shared: true });
    let leader = false;
    const flight = this.flights.run(key, async () => {
      leader = true; // runs synchronously inside run() for the caller that starts the flight
      const outcome = await this.callWorkOS(auth, context);
      if (outcome.ok) this.successors.set(key, { outcome, until: this.clock() + SUCCESSOR_TTL_MS });
      return outcome;
    });
    return flight.then((outcome) => ({ ...outcome, shared: !leader }));
  }

  private async callWorkOS(auth: AuthState, context: RefreshContext): Promise<Flight> {
    const pair = await this.tokens(auth);
    if (!pair) {
      return {
        ok: false,
        failure: { kind: 'terminal', reason: 'unsealable_tokens', status: undefined },
      };
    }
    try {
      const result = await this.workos.userManagement.authenticateWithRefreshToken({
        refreshToken: pair.refreshToken,
        ...(auth.organizationId ? { organizationId: auth.organizationId } : {}),
        ...(context.ipAddress ? { ipAddress: context.ipAddress } : {}),
        ...(context.userAgent ? { userAgent: context.userAgent } : {}),
      });
      const claims = readClaims(result.accessToken);
      if (!claims?.expiresAt) {
        return {
          ok: false,
          failure: { kind: 'transient', reason: 'malformed_access_token', status: undefined },
        };
      }
      const next: TokenPair = {
        accessToken: result.accessToken,
        refreshToken: result.refreshToken,
      };
      return {
        ok: true,
        accessToken: result.accessToken,
        auth: {
          sealedTokens: await this.sealer.seal(next),
          accessExpiresAt: claims.expiresAt,
          organizationId: result.organizationId ?? claims.orgId,
          role: claims.role,
          roles: claims.roles,
          permissions: claims.permissions,
          user: toSessionUser(result.user),
          workosSessionId: claims.sid ?? auth.workosSessionId,
        },
      };
    } catch (err) {
      return { ok: false, failure: classifyWorkOSError(err) };
    }
  }
}
