import { hash } from 'node:crypto';

import type { WorkOS } from '@workos-inc/node';
import { LRUCache } from 'lru-cache';

import type { Clock } from '../clock.js';
import type { Sealer } from '../crypto/seal.js';
import {
  type BffSessionStore,
  loadStoredSession,
  type RefreshLock,
  saveStoredSession,
  SessionStoreUnavailableError,
} from '../session/session-store.types.js';
import type { AuthState, SessionUser, TokenPair } from '../session/session.types.js';
import type { Budget } from '../http/rate-limits.js';
import { sessionLabel } from '../session/session.helpers.js';
import { readClaims } from './access-token.claims.js';
import { classifyWorkOSError, type ClassifiedFailure } from './refresh-errors.js';
import { SingleFlight } from './single-flight.js';

/** Refresh when the access token has less than this left. */
export const REFRESH_MARGIN_MS = 60_000;
/**
 * How long a rotated pair is handed to requests that still carry the pre-rotation view: WorkOS's
 * refresh-token replay grace window, so a late duplicate never replays a spent token after it.
 */
const SUCCESSOR_TTL_MS = 30_000;
/** How many opened token pairs stay in memory (sessions active right now), and for how long. */
const OPENED_CACHE = { max: 1024, ttl: 5 * 60_000 } as const;

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
  | {
      readonly ok: true;
      readonly auth: RefreshedAuth;
      readonly accessToken: string;
      /** True when another instance had already refreshed (found in the store, no WorkOS call). */
      readonly fromStore?: true;
    }
  | { readonly ok: false; readonly failure: ClassifiedFailure };

/** Caller context passed through to WorkOS. */
export interface RefreshContext {
  readonly ipAddress: string | undefined;
  readonly userAgent: string | undefined;
}

function transient(reason: string): Flight {
  return { ok: false, failure: { kind: 'transient', reason, status: undefined } };
}

function pickRefreshed(auth: AuthState): RefreshedAuth {
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

/**
 * Refreshes access tokens with `authenticateWithRefreshToken`, once per session across the
 * process and, with a store that has a refresh lock (Redis), across BFF instances.
 *
 * Across instances: the one request per process that leads the flight takes the session's lock
 * (`SET NX PX`), reloads the session from the store and checks again: when another instance
 * rotated the pair meanwhile, that pair is used and WorkOS is not called; otherwise it refreshes
 * and saves the rotated pair into the store before releasing the lock. A lock not obtained within
 * the wait, or a store that cannot be reached, is a transient failure (503, session kept).
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
  /**
   * Opened pairs by a SHA-256 digest of their seal. Opening an iron seal (two PBKDF2 derivations,
   * an HMAC and AES-CBC, each a WebCrypto job on the thread pool) costs 0.15-0.3 ms, more than the
   * rest of a proxied request; a seal always opens to the same pair, so the cache can never be
   * stale, only bounded (LRU, 5 min: plaintext tokens do not stay in memory for long after their
   * session went quiet; the process holds the sealing password anyway).
   */
  private readonly opened = new LRUCache<string, TokenPair>(OPENED_CACHE);

  constructor(
    private readonly workos: WorkOS,
    private readonly sealer: Sealer,
    private readonly clock: Clock,
    /** The session store; when given, refreshes reload and save through it (see above). */
    private readonly store?: BffSessionStore,
    /**
     * Refreshes a session may start (`RATE_LIMIT_REFRESH_PER_SESSION`), keyed by its log label
     * (a hash of the id). Only a refresh about to call WorkOS counts.
     */
    private readonly budget?: Budget,
  ) {}

  /** True when the access token has less than {@link REFRESH_MARGIN_MS} left. */
  needsRefresh(auth: AuthState): boolean {
    return auth.accessExpiresAt - this.clock() < REFRESH_MARGIN_MS;
  }

  /**
   * Opens the sealed pair (undefined when it cannot be opened). `remember: false` for a pair that
   * is about to be replaced or whose session is ending (refresh, logout): it is not kept in memory.
   */
  async tokens(
    auth: AuthState,
    { remember = true }: { remember?: boolean } = {},
  ): Promise<TokenPair | undefined> {
    const id = hash('sha256', auth.sealedTokens, 'base64url');
    const cached = this.opened.get(id);
    if (cached) return cached;
    const pair = await this.sealer.unseal<TokenPair>(auth.sealedTokens);
    if (pair && remember) this.opened.set(id, pair);
    return pair;
  }

  /** Refreshes the session's pair (joining a refresh already running for it). */
  refresh(auth: AuthState, context: RefreshContext, sessionId?: string): Promise<RefreshOutcome> {
    const key = auth.sealedTokens;
    const now = this.clock();
    for (const [k, entry] of this.successors) if (entry.until <= now) this.successors.delete(k);
    const cached = this.successors.get(key);
    if (cached) return Promise.resolve({ ...cached.outcome, shared: true });
    let leader = false;
    const flight = this.flights.run(key, async () => {
      leader = true; // runs synchronously inside run() for the caller that starts the flight
      const outcome =
        this.store && sessionId !== undefined
          ? await this.coordinated(this.store, sessionId, auth, context)
          : await this.callWorkOSWithinBudget(auth, context, sessionId);
      if (outcome.ok) this.successors.set(key, { outcome, until: this.clock() + SUCCESSOR_TTL_MS });
      return outcome;
    });
    return flight.then((outcome) => ({
      ...outcome,
      shared: !leader || (outcome.ok && outcome.fromStore === true),
    }));
  }

  /** The leader's refresh under the session's store lock, re-checked against the stored session. */
  private async coordinated(
    store: BffSessionStore,
    sessionId: string,
    auth: AuthState,
    context: RefreshContext,
  ): Promise<Flight> {
    let lock: RefreshLock | undefined;
    try {
      if (store.acquireRefreshLock) {
        lock = await store.acquireRefreshLock(sessionId);
        if (!lock) return transient('refresh_lock_timeout');
      }
      const stored = await loadStoredSession(store, sessionId);
      const current = stored?.auth;
      if (!stored || !current) {
        return {
          ok: false,
          failure: { kind: 'terminal', reason: 'session_gone', status: undefined },
        };
      }
      if (current.sealedTokens !== auth.sealedTokens && !this.needsRefresh(current)) {
        const pair = await this.tokens(current);
        if (pair) {
          return {
            ok: true,
            fromStore: true,
            accessToken: pair.accessToken,
            auth: pickRefreshed(current),
          };
        }
      }
      const cached = this.successors.get(current.sealedTokens);
      if (cached) return cached.outcome;
      const outcome = await this.callWorkOSWithinBudget(current, context, sessionId);
      if (outcome.ok) {
        try {
          await saveStoredSession(store, sessionId, {
            ...stored,
            auth: { ...current, ...outcome.auth },
          });
        } catch {
          // The store went away after WorkOS rotated: this request still proceeds with the new
          // pair, and a later refresh with the stored pair falls within WorkOS's replay grace.
        }
      }
      return outcome;
    } catch (err) {
      if (err instanceof SessionStoreUnavailableError)
        return transient('session_store_unavailable');
      throw err;
    } finally {
      await lock?.release();
    }
  }

  /**
   * Calls WorkOS, unless the session has used up its refresh budget: then a `rate_limited`
   * failure, and WorkOS is not called. Only a refresh about to call WorkOS spends budget.
   */
  private async callWorkOSWithinBudget(
    auth: AuthState,
    context: RefreshContext,
    sessionId: string | undefined,
  ): Promise<Flight> {
    if (!this.budget || sessionId === undefined) return this.callWorkOS(auth, context);
    const decision = await this.budget.take(sessionLabel(sessionId));
    if (decision.ok) return this.callWorkOS(auth, context);
    return {
      ok: false,
      failure: {
        kind: 'rate_limited',
        reason: 'refresh_rate_limited',
        status: undefined,
        retryAfterSeconds: decision.retryAfterSeconds,
      },
    };
  }

  private async callWorkOS(auth: AuthState, context: RefreshContext): Promise<Flight> {
    const pair = await this.tokens(auth, { remember: false });
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
