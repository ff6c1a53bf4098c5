import type { SessionData } from 'express-session';
import { Store } from 'express-session';

import type { Clock } from '../clock.js';
import { SessionCrypto } from './session-crypto.js';
import { endedPlaceholder, keepNewestTokens } from './session-merge.js';
import { type SessionLimits, sessionExpiresAt } from './session-expiry.js';
import type { BffSessionStore, SessionSelector } from './session-store.types.js';
import type { SessionEndReason } from './session.types.js';

type Callback<T = void> = (err?: unknown, value?: T) => void;

/** Options shared by Gatehouse's session stores. */
export interface GatehouseStoreOptions {
  readonly clock: Clock;
  readonly limits: SessionLimits;
  /**
   * The server's passwords (`WORKOS_COOKIE_PASSWORD`, then `WORKOS_COOKIE_PASSWORD_PREVIOUS`):
   * their subkeys key the store-key hash and the value sealing. The newest writes, all read.
   */
  readonly secret: string | readonly string[];
  /**
   * How long a row outlives its deadline (default 5 min). Within it the timeout middleware still
   * sees the session, destroys it and answers `session_expired` instead of a bare
   * `unauthenticated`; after it, the row is gone anyway.
   */
  readonly graceMs?: number;
}

/** What the index columns of a row hold. */
export interface RowIndex {
  /** The WorkOS session id (not a credential; needed to revoke it at WorkOS). */
  readonly workosSessionId: string;
  /** Keyed hash of the WorkOS session id. */
  readonly workosSessionKey: string;
  /** Keyed hash of the user id. */
  readonly userKey: string;
}

/** A tombstone reason: `ended` for a plain destroy (logout, timeout), else a {@link SessionEndReason}. */
export type TombstoneReason = 'ended' | SessionEndReason;

/**
 * Base for Gatehouse's in-process express-session stores (SQLite, memory). Subclasses implement
 * small synchronous primitives on store keys; this class adapts them to express-session's callback
 * API and keeps the {@link BffSessionStore} contract:
 *
 * - the store key is a keyed hash of the session id and the value is sealed with a key derived
 *   from the session id ({@link SessionCrypto}): the store holds neither ids nor tokens in clear;
 * - rows expire at the earlier of the idle and absolute deadline (computed from the session itself);
 * - **no resurrection**: `destroy` leaves a tombstone, and a later `set`/`touch` of that id (a slow
 *   in-flight request finishing after logout) is ignored. Ids are 192-bit random values, so a
 *   destroyed id is never legitimately reused;
 * - tokens never go backwards ({@link keepNewestTokens}).
 *
 * Statements are synchronous, so every call is atomic within the process (these stores serve one
 * BFF instance; several instances use the Redis store).
 */
export abstract class GatehouseStore extends Store implements BffSessionStore {
  protected readonly clock: Clock;
  protected readonly limits: SessionLimits;
  protected readonly crypto: SessionCrypto;
  private readonly graceMs: number;

  protected constructor(options: GatehouseStoreOptions) {
    super();
    this.clock = options.clock;
    this.limits = options.limits;
    this.crypto = new SessionCrypto(options.secret);
    this.graceMs = options.graceMs ?? 5 * 60_000;
  }

  private rowExpiry(session: SessionData, now: number): number {
    return sessionExpiresAt(session, this.limits, now) + this.graceMs;
  }

  /** The sealed value of a live row (undefined when missing or expired). */
  protected abstract readRow(key: string, now: number): string | undefined;
  protected abstract writeRowData(
    key: string,
    box: string,
    expiresAt: number,
    index: RowIndex | undefined,
  ): void;
  protected abstract updateExpiry(key: string, expiresAt: number): void;
  /** Deletes a row without a tombstone (a session moved to the newest password's key). */
  protected abstract removeRow(key: string): void;
  /** Deletes the row and tombstones the key (an existing tombstone keeps its reason). */
  protected abstract deleteRow(key: string, tombstoneUntil: number, reason: TombstoneReason): void;
  protected abstract tombstoneOf(key: string, now: number): TombstoneReason | undefined;
  protected abstract keysOf(
    selector: { workosSessionKey: string } | { userKey: string },
    now: number,
  ): { key: string; workosSessionId: string }[];
  protected abstract countRows(now: number): number;
  protected abstract deleteAll(): void;
  /** Removes expired rows and tombstones; returns how many rows went. */
  abstract prune(): number;
  /** Releases resources (timers, file handles). */
  abstract close(): void;
  /** Every stored row and index entry as raw text (tests prove no token or id is stored in clear). */
  abstract dump(): string[];

  /**
   * The row of `sid` under the newest password's store key, else under a previous one's
   * (a session written before a password change), with the generation that holds it.
   */
  private locate(sid: string, now: number): { key: string; gen: number; box: string } | undefined {
    const keys = this.crypto.storeKeys(sid);
    for (const [gen, key] of keys.entries()) {
      const box = this.readRow(key, now);
      if (box !== undefined) return { key, gen, box };
    }
    return undefined;
  }

  private tombstoneOfAny(sid: string, now: number): TombstoneReason | undefined {
    for (const key of this.crypto.storeKeys(sid)) {
      const reason = this.tombstoneOf(key, now);
      if (reason) return reason;
    }
    return undefined;
  }

  /** The session for `sid`, or undefined (also for expired, ended or unopenable ones). */
  getSession(sid: string): SessionData | undefined {
    const row = this.locate(sid, this.clock());
    const json = row && this.crypto.open(sid, row.box, row.gen);
    return json === undefined ? undefined : (JSON.parse(json) as SessionData);
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    this.run(callback, () => {
      const found = this.getSession(sid);
      if (found) return found;
      const reason = this.tombstoneOfAny(sid, this.clock());
      return reason && reason !== 'ended' ? endedPlaceholder(reason) : null;
    });
  }

  /** Writes under the newest password's keys; a row under a previous one's moves (re-sealed). */
  override set(sid: string, session: SessionData, callback?: Callback): void {
    this.run(callback, () => {
      const now = this.clock();
      if (session.ended || this.tombstoneOfAny(sid, now)) return;
      const merged = keepNewestTokens(this.getSession(sid), session);
      this.writeRow(sid, JSON.stringify(merged), this.rowExpiry(merged, now));
      for (const key of this.crypto.storeKeys(sid).slice(1)) this.removeRow(key);
    });
  }

  /** Seals and writes one session (tests override it to see what is written before sealing). */
  protected writeRow(sid: string, json: string, expiresAt: number): void {
    const auth = (JSON.parse(json) as SessionData).auth;
    const index: RowIndex | undefined = auth && {
      workosSessionId: auth.workosSessionId,
      workosSessionKey: this.crypto.indexKey('workos-session', auth.workosSessionId),
      userKey: this.crypto.indexKey('user', auth.user.id),
    };
    this.writeRowData(this.crypto.storeKey(sid), this.crypto.seal(sid, json), expiresAt, index);
  }

  /**
   * express-session touches a session it loaded and did not change. A signed-in row's deadline is
   * a function of its stored timestamps (`lastSeenAt`, `createdAt`), which such a copy holds
   * unchanged (or older, when another request saved meanwhile), so there is nothing to write:
   * activity is recorded by `set` when the timeout middleware moves `lastSeenAt`. Writing here
   * would cost a store write per request and could even move a newer deadline back. Only a row
   * without `auth` (none is stored today) slides on touch.
   */
  override touch(sid: string, session: SessionData, callback?: Callback): void {
    this.run(callback, () => {
      if (session.ended || session.auth) return;
      const now = this.clock();
      if (this.tombstoneOfAny(sid, now)) return;
      this.updateExpiry(this.crypto.storeKey(sid), this.rowExpiry(session, now));
    });
  }

  override destroy(sid: string, callback?: Callback): void {
    this.run(callback, () => {
      for (const key of this.crypto.storeKeys(sid)) {
        this.deleteRow(key, this.clock() + this.limits.absoluteMs, 'ended');
        this.crypto.forget(key);
      }
    });
  }

  override length(callback: Callback<number>): void {
    this.run(callback, () => this.countRows(this.clock()));
  }

  override clear(callback?: Callback): void {
    this.run(callback, () => this.deleteAll());
  }

  destroySessionsOf(selector: SessionSelector, reason: SessionEndReason): Promise<number> {
    const now = this.clock();
    const rows = this.rowsOf(selector, now);
    for (const { key } of rows) this.deleteRow(key, now + this.limits.absoluteMs, reason);
    return Promise.resolve(rows.length);
  }

  workosSessionIdsOf(userId: string): Promise<string[]> {
    const rows = this.rowsOf({ userId }, this.clock());
    return Promise.resolve([...new Set(rows.map((row) => row.workosSessionId))]);
  }

  /** The rows matching `selector`, under every password's index hashes. */
  private rowsOf(selector: SessionSelector, now: number) {
    const hashed =
      'userId' in selector
        ? this.crypto.indexKeys('user', selector.userId).map((userKey) => ({ userKey }))
        : this.crypto
            .indexKeys('workos-session', selector.workosSessionId)
            .map((workosSessionKey) => ({ workosSessionKey }));
    return hashed.flatMap((one) => this.keysOf(one, now));
  }

  private run<T>(callback: Callback<T> | undefined, work: () => T): void {
    let value: T;
    try {
      value = work();
    } catch (err) {
      if (callback) callback(err);
      return;
    }
    if (callback) callback(undefined, value);
  }
}
