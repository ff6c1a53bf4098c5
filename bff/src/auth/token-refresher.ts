import type { WorkOS } from '@workos-inc/node';

import type { Clock } from '../clock.js';
import type { Sealer } from '../crypto/seal.js';
import type { Budget } from '../http/rate-limits.js';
import {
  type BffSessionStore,
  loadStoredSession,
  type RefreshLock,
  saveStoredSession,
  SessionStoreUnavailableError,
} from '../session/session-store.types.js';
import { sessionLabel } from '../session/session.helpers.js';
import type { AuthState, TokenPair } from '../session/session.types.js';
import type { ClassifiedFailure } from './refresh-errors.js';
import { type RefreshContext, refreshGrant } from './refresh-grant.js';
import { pickRefreshed, type RefreshedAuth } from './refreshed-auth.js';
import { OpenedTokens } from './opened-tokens.js';
import { SingleFlight } from './single-flight.js';

export type { RefreshContext } from './refresh-grant.js';
export { type RefreshedAuth, toSessionUser } from './refreshed-auth.js';

/** Refresh when the access token has less than this left. */
export const REFRESH_MARGIN_MS = 60_000;
/**
 * How long a rotated pair is handed to requests that still carry the pre-rotation view: WorkOS's
 * refresh-token replay grace window, so a late duplicate never replays a spent token after it.
 */
const SUCCESSOR_TTL_MS = 30_000;
/** How many rotations an organization switch follows before it gives up (503). */
const SWITCH_MAX_HOPS = 8;

/** Outcome of {@link TokenRefresher.refresh} and {@link TokenRefresher.switchOrganization}. */
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

/** What a grant is for: keeping the session's organization, or switching to another one. */
type Purpose =
  { readonly kind: 'refresh' } | { readonly kind: 'switch'; readonly organizationId: string };

const REFRESH: Purpose = { kind: 'refresh' };

const failed = (kind: ClassifiedFailure['kind'], reason: string, retryAfterSeconds?: number) =>
  ({ ok: false, failure: { kind, reason, status: undefined, retryAfterSeconds } }) as const;
const transient = (reason: string) => failed('transient', reason);

/**
 * Refreshes access tokens with `authenticateWithRefreshToken` once per session: concurrent
 * requests of a session share one WorkOS call (single flight keyed by the sealed pair), and the
 * result stays available for 30 s to requests that loaded the pre-rotation pair (successor
 * cache). With a store that has a refresh lock (Redis) the leader refreshes under the session's
 * lock after re-reading the stored session, so instances never spend one refresh token twice.
 * Organization switches are refreshes too, serialised with the ordinary ones. The whole story:
 * `bff/README.md` (Security properties, Refresh).
 */
export class TokenRefresher {
  private readonly flights = new SingleFlight<string, Flight>();
  /** The running organization switch of a key (a refresh must not take over its refusal). */
  private readonly switching = new Map<string, Promise<Flight>>();
  private readonly successors = new Map<string, { outcome: Flight; until: number }>();
  private readonly opened: OpenedTokens;

  constructor(
    private readonly workos: WorkOS,
    private readonly sealer: Sealer,
    private readonly clock: Clock,
    /** The session store; when given, refreshes reload and save through it (see above). */
    private readonly store?: BffSessionStore,
    /**
     * Refreshes a session may start (`RATE_LIMIT_REFRESH_PER_SESSION`), keyed by its log label
     * (a hash of the id). Only a refresh about to call WorkOS counts; switches count too.
     */
    private readonly budget?: Budget,
  ) {
    this.opened = new OpenedTokens(sealer);
  }

  /** True when the access token has less than {@link REFRESH_MARGIN_MS} left. */
  needsRefresh(auth: AuthState): boolean {
    return auth.accessExpiresAt - this.clock() < REFRESH_MARGIN_MS;
  }

  /**
   * Opens the sealed pair (undefined when it cannot be opened), cached (see {@link OpenedTokens}).
   * `remember: false` for a pair that is about to be replaced or whose session is ending (refresh,
   * logout): it is not kept in memory.
   */
  tokens(
    auth: AuthState,
    { remember = true }: { remember?: boolean } = {},
  ): Promise<TokenPair | undefined> {
    return this.opened.open(auth.sealedTokens, remember);
  }

  /**
   * Refreshes the session's pair (joining a refresh already running for it). A request meeting a
   * running organization switch takes the switched pair (the session is switching); when WorkOS
   * refused the switch the pair is untouched and is refreshed as usual.
   */
  async refresh(
    auth: AuthState,
    context: RefreshContext,
    sessionId?: string,
  ): Promise<RefreshOutcome> {
    const key = auth.sealedTokens;
    const cached = this.successor(key);
    if (cached) return { ...cached, shared: true };
    const switching = this.switching.get(key);
    if (switching) {
      const outcome = await switching;
      if (outcome.ok) return { ...outcome, shared: true };
      return this.refresh(auth, context, sessionId);
    }
    return this.fly(key, auth, context, sessionId, REFRESH);
  }

  /**
   * Switches the session to `organizationId` by a refresh with it. It never spends a pair another
   * refresh is spending: it waits for the one running (and follows each rotation to the newest
   * pair), then refreshes with that pair; ordinary refreshes arriving meanwhile join it. A refused
   * switch (membership, SSO or MFA required) changes nothing.
   */
  async switchOrganization(
    auth: AuthState,
    organizationId: string,
    context: RefreshContext,
    sessionId?: string,
  ): Promise<RefreshOutcome> {
    let base = auth;
    for (let hop = 0; hop < SWITCH_MAX_HOPS; hop += 1) {
      const key = base.sealedTokens;
      const successor = this.successor(key);
      if (successor?.ok) {
        base = { ...base, ...successor.auth };
        continue;
      }
      const running = this.flights.running(key);
      // Checked and started in one synchronous step: nothing can start a flight in between.
      if (!running) {
        return this.fly(key, base, context, sessionId, { kind: 'switch', organizationId });
      }
      const wasSwitch = this.switching.get(key) === running;
      const outcome = await running;
      if (outcome.ok) base = { ...base, ...outcome.auth };
      else if (!wasSwitch) return { ...outcome, shared: true };
    }
    return { ...transient('switch_contention'), shared: true };
  }

  /** The rotated pair of `key` while it is fresh enough to hand out. */
  private successor(key: string): Flight | undefined {
    const now = this.clock();
    for (const [k, entry] of this.successors) if (entry.until <= now) this.successors.delete(k);
    return this.successors.get(key)?.outcome;
  }

  /** Starts (or joins) the flight of `key`. */
  private fly(
    key: string,
    auth: AuthState,
    context: RefreshContext,
    sessionId: string | undefined,
    purpose: Purpose,
  ): Promise<RefreshOutcome> {
    let leader = false;
    const flight = this.flights.run(key, async () => {
      leader = true; // runs synchronously inside run() for the caller that starts the flight
      const outcome =
        this.store && sessionId !== undefined
          ? await this.coordinated(this.store, sessionId, auth, context, purpose)
          : await this.callWorkOSWithinBudget(auth, context, sessionId, purpose);
      if (outcome.ok) this.successors.set(key, { outcome, until: this.clock() + SUCCESSOR_TTL_MS });
      return outcome;
    });
    if (leader && purpose.kind === 'switch') {
      this.switching.set(key, flight);
      const forget = () => {
        if (this.switching.get(key) === flight) this.switching.delete(key);
      };
      flight.then(forget, forget);
    }
    return flight.then((outcome) => ({
      ...outcome,
      shared: !leader || (outcome.ok && outcome.fromStore === true),
    }));
  }

  /** The leader's grant under the session's store lock, re-checked against the stored session. */
  private async coordinated(
    store: BffSessionStore,
    sessionId: string,
    auth: AuthState,
    context: RefreshContext,
    purpose: Purpose,
  ): Promise<Flight> {
    let lock: RefreshLock | undefined;
    try {
      if (store.acquireRefreshLock) {
        lock = await store.acquireRefreshLock(sessionId);
        if (!lock) return transient('refresh_lock_timeout');
      }
      const stored = await loadStoredSession(store, sessionId);
      const current = stored?.auth;
      if (!stored || !current) return failed('terminal', 'session_gone');
      if (
        purpose.kind === 'refresh' &&
        current.sealedTokens !== auth.sealedTokens &&
        !this.needsRefresh(current)
      ) {
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
      // A switch always spends the newest pair: the stored one, or its successor from here.
      let base = current;
      const cached = this.successor(current.sealedTokens);
      if (cached?.ok && purpose.kind === 'switch') base = { ...current, ...cached.auth };
      else if (cached) return cached;
      const outcome = await this.callWorkOSWithinBudget(base, context, sessionId, purpose);
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
    purpose: Purpose,
  ): Promise<Flight> {
    if (this.budget && sessionId !== undefined) {
      const decision = await this.budget.take(sessionLabel(sessionId));
      if (!decision.ok)
        return failed('rate_limited', 'refresh_rate_limited', decision.retryAfterSeconds);
    }
    const pair = await this.tokens(auth, { remember: false });
    if (!pair) return failed('terminal', 'unsealable_tokens');
    return refreshGrant(this.workos, this.sealer, {
      pair,
      organizationId: purpose.kind === 'switch' ? purpose.organizationId : auth.organizationId,
      previousSessionId: auth.workosSessionId,
      context,
    });
  }
}
