import type { SessionData, Store } from 'express-session';

import type { SessionEndReason } from './session.types.js';

/** Which sessions {@link BffSessionStore.destroySessionsOf} ends. */
export type SessionSelector = { readonly workosSessionId: string } | { readonly userId: string };

/** A held refresh lock; `release()` never throws. */
export interface RefreshLock {
  release(): Promise<void>;
}

/**
 * What the BFF needs from a session store: an express-session `Store` that can be closed, find
 * sessions by WorkOS session id and by user id, and (when several BFF instances share it) hand out
 * a per-session refresh lock.
 *
 * Contract every implementation must keep (the built-in ones share `GatehouseStore`;
 * `test/store-contract.spec.ts` runs it against each):
 * - rows expire at the earlier of the idle and absolute deadline of the stored session;
 * - `destroy` is final: a later `set`/`touch` of the same id is ignored (no resurrection by a slow
 *   in-flight request);
 * - `set` never replaces stored tokens with older ones (compare `auth.accessExpiresAt`);
 * - a session ended through `destroySessionsOf` reads back as `{ ended: reason }` until its
 *   tombstone expires, so the next request can answer `session_expired`;
 * - neither a session id nor a token is stored in clear.
 * Failures to reach the store are reported as {@link SessionStoreUnavailableError}.
 */
export interface BffSessionStore extends Store {
  close(): void | Promise<void>;
  /** Ends every matching session (tombstoned with `reason`); resolves to how many ended. */
  destroySessionsOf(selector: SessionSelector, reason: SessionEndReason): Promise<number>;
  /** The WorkOS session ids of a user's live BFF sessions. */
  workosSessionIdsOf(userId: string): Promise<string[]>;
  /**
   * Takes the refresh lock of a session, waiting up to the store's lock wait; undefined when it
   * could not be had in time. Stores used by a single process may omit it.
   */
  acquireRefreshLock?(sessionId: string): Promise<RefreshLock | undefined>;
  /**
   * True the first time `value` is claimed for `purpose` within `ttlMs`, for every process sharing
   * the store (single-use login `state`). Stores used by a single process may omit it.
   */
  claimOnce?(purpose: string, value: string, ttlMs: number): Promise<boolean>;
}

/** The store could not be reached in time (Redis down or slow): answer 503, keep the session. */
export class SessionStoreUnavailableError extends Error {
  override readonly name = 'SessionStoreUnavailableError';
  readonly code = 'session_store_unavailable';
  constructor(message = 'session store unavailable', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Promise form of `store.get`. */
export function loadStoredSession(
  store: Store,
  sessionId: string,
): Promise<SessionData | undefined> {
  return new Promise((resolve, reject) =>
    store.get(sessionId, (err, session) =>
      err ? reject(err as Error) : resolve(session ?? undefined),
    ),
  );
}

/** Promise form of `store.set`. */
export function saveStoredSession(
  store: Store,
  sessionId: string,
  session: SessionData,
): Promise<void> {
  return new Promise((resolve, reject) =>
    store.set(sessionId, session, (err) => (err ? reject(err as Error) : resolve())),
  );
}
