import type { SessionData } from 'express-session';
import { Store } from 'express-session';

import type { Clock } from '../clock.js';
import { SessionCrypto } from './session-crypto.js';
import { endedPlaceholder, keepNewestTokens } from './session-merge.js';
import { type SessionLimits, sessionExpiresAt } from './session-expiry.js';
import {
  type BffSessionStore,
  type SessionSelector,
  SessionStoreUnavailableError,
} from './session-store.types.js';
import type {
  IndexedRow,
  IndexSelector,
  RowWrite,
  StoredRow,
  TombstoneReason,
  WriteOutcome,
} from './store-rows.js';
import type { SessionEndReason } from './session.types.js';

type Callback<T = void> = (err?: unknown, value?: T) => void;

/** How often a write is retried when another write of a newer token generation got in between. */
const MAX_WRITE_ATTEMPTS = 8;

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

/**
 * The express-session store every backend (memory, SQLite, Redis) shares: it keeps the
 * {@link BffSessionStore} contract once, on top of a few atomic primitives on store keys that each
 * backend implements (read, conditional write, extend, end with a tombstone, index lookups).
 * Store keys are keyed hashes of the session id and values are sealed per session
 * ({@link SessionCrypto}); a write that lost a race to a newer token generation re-reads and
 * merges ({@link keepNewestTokens}), so the same rules hold within one process and across
 * instances. The design and the key layout: `bff/README.md` (Session store contract).
 */
export abstract class GatehouseStore extends Store implements BffSessionStore {
  protected readonly clock: Clock;
  protected readonly limits: SessionLimits;
  protected readonly crypto: SessionCrypto;
  private readonly graceMs: number;
  private pruneTimer: NodeJS.Timeout | undefined;

  protected constructor(options: GatehouseStoreOptions) {
    super();
    this.clock = options.clock;
    this.limits = options.limits;
    this.crypto = new SessionCrypto(options.secret);
    this.graceMs = options.graceMs ?? 5 * 60_000;
  }

  /** The row under `key`, unless missing or past its expiry. */
  protected abstract readRow(key: string): Promise<StoredRow | undefined>;
  /**
   * Atomically: refuses with `gone` when any of `tombstoneKeys` is tombstoned, with `changed` when
   * the live row under `key` holds a later `at`; else writes the row and its index entries and
   * deletes the rows under `previousKeys`.
   */
  protected abstract writeRow(write: RowWrite): Promise<WriteOutcome>;
  /** Moves the expiry of an existing row (a missing one stays missing). */
  protected abstract extendRow(key: string, expiresAt: number): Promise<void>;
  /** Atomically tombstones `key` until `until` (an existing tombstone keeps its reason) and deletes its row. */
  protected abstract endRow(key: string, reason: TombstoneReason, until: number): Promise<void>;
  /** The reason of the first live tombstone among `keys`. */
  protected abstract tombstoneOf(keys: readonly string[]): Promise<TombstoneReason | undefined>;
  /** The live rows an index entry points at. */
  protected abstract rowsIndexed(selector: IndexSelector): Promise<IndexedRow[]>;
  protected abstract countRows(): Promise<number>;
  /** Deletes every row, tombstone and index entry. */
  protected abstract deleteAll(): Promise<void>;
  /** Releases what the store holds (timers, file handles, a client it owns). */
  abstract close(): void | Promise<void>;

  /** Removes expired rows and tombstones, returning how many rows went (Redis expires keys itself). */
  prune(): number {
    return 0;
  }

  /** Runs {@link prune} every `intervalMs` (0: never) on a timer that never keeps the process up. */
  protected pruneEvery(intervalMs: number): void {
    if (intervalMs <= 0) return;
    this.pruneTimer = setInterval(() => {
      try {
        this.prune();
      } catch {
        // A locked or closed database: the next tick tries again.
      }
    }, intervalMs);
    this.pruneTimer.unref();
  }

  protected stopPruning(): void {
    clearInterval(this.pruneTimer);
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    this.settle(callback, async () => {
      const found = await this.readSession(sid);
      if (found) return found;
      const reason = await this.tombstoneOf(this.crypto.storeKeys(sid));
      return reason && reason !== 'ended' ? endedPlaceholder(reason) : null;
    });
  }

  /** Writes under the newest password's key; a row under a previous one's moves (re-sealed). */
  override set(sid: string, session: SessionData, callback?: Callback): void {
    this.settle(callback, async () => {
      if (session.ended) return; // the placeholder of an ended session is never stored
      for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt += 1) {
        const merged = keepNewestTokens(await this.readSession(sid), session);
        const expiresAt = this.rowExpiry(merged);
        if (expiresAt <= this.clock()) return;
        if ((await this.writeRow(this.rowWrite(sid, merged, expiresAt))) !== 'changed') return;
      }
      throw new SessionStoreUnavailableError('session row kept changing');
    });
  }

  /**
   * express-session touches a session it loaded and did not change. A signed-in row's deadline is
   * a function of its stored timestamps (`lastSeenAt`, `createdAt`), which such a copy holds
   * unchanged (or older, when another request saved meanwhile), so there is nothing to write:
   * activity is recorded by `set` when the timeout middleware moves `lastSeenAt`. Only a row
   * without `auth` slides on touch; a destroyed row is deleted, so extending it does nothing.
   */
  override touch(sid: string, session: SessionData, callback?: Callback): void {
    this.settle(callback, async () => {
      if (session.ended || session.auth) return;
      await this.extendRow(this.crypto.storeKey(sid), this.rowExpiry(session));
    });
  }

  override destroy(sid: string, callback?: Callback): void {
    this.settle(callback, async () => {
      for (const key of this.crypto.storeKeys(sid)) {
        await this.endRow(key, 'ended', this.tombstoneUntil());
        this.crypto.forget(key);
      }
    });
  }

  override length(callback: Callback<number>): void {
    this.settle(callback, () => this.countRows());
  }

  override clear(callback?: Callback): void {
    this.settle(callback, () => this.deleteAll());
  }

  async destroySessionsOf(selector: SessionSelector, reason: SessionEndReason): Promise<number> {
    const rows = await this.rowsOf(selector);
    for (const { key } of rows) await this.endRow(key, reason, this.tombstoneUntil());
    return rows.length;
  }

  async workosSessionIdsOf(userId: string): Promise<string[]> {
    const rows = await this.rowsOf({ userId });
    return [...new Set(rows.flatMap((row) => row.workosSessionId ?? []))];
  }

  /**
   * The live session of `sid`: its row under the newest password's store key, else under a
   * previous one's (written before a password change), opened with that generation's key.
   * Undefined when missing, past its deadline, or unopenable.
   */
  private async readSession(sid: string): Promise<SessionData | undefined> {
    for (const [gen, key] of this.crypto.storeKeys(sid).entries()) {
      const row = await this.readRow(key);
      if (!row) continue;
      const json = this.crypto.open(sid, row.box, gen, key);
      if (json === undefined) return undefined;
      const session = JSON.parse(json) as SessionData;
      // The deadline follows from the session itself, so it holds on any backend and clock.
      return this.rowExpiry(session) > this.clock() ? session : undefined;
    }
    return undefined;
  }

  private rowWrite(sid: string, session: SessionData, expiresAt: number): RowWrite {
    const [key, ...previousKeys] = this.crypto.storeKeys(sid) as [string, ...string[]];
    const auth = session.auth;
    return {
      key,
      previousKeys,
      tombstoneKeys: [key, ...previousKeys],
      row: { at: auth?.accessExpiresAt ?? 0, box: this.crypto.seal(sid, JSON.stringify(session)) },
      expiresAt,
      index: auth && {
        workosSessionId: auth.workosSessionId,
        workosSessionKey: this.crypto.indexKey('workos-session', auth.workosSessionId),
        userKey: this.crypto.indexKey('user', auth.user.id),
      },
    };
  }

  /** The rows matching `selector`, under every password's index hashes. */
  private async rowsOf(selector: SessionSelector): Promise<IndexedRow[]> {
    const selectors: IndexSelector[] =
      'userId' in selector
        ? this.crypto.indexKeys('user', selector.userId).map((userKey) => ({ userKey }))
        : this.crypto
            .indexKeys('workos-session', selector.workosSessionId)
            .map((workosSessionKey) => ({ workosSessionKey }));
    const rows: IndexedRow[] = [];
    for (const one of selectors) rows.push(...(await this.rowsIndexed(one)));
    return rows;
  }

  /** The row's expiry: the session's deadline plus the grace period. */
  private rowExpiry(session: SessionData): number {
    const now = this.clock();
    return sessionExpiresAt(session, this.limits, now) + this.graceMs;
  }

  /** A tombstone lives as long as any copy of the session could (the absolute lifetime). */
  private tombstoneUntil(): number {
    return this.clock() + this.limits.absoluteMs;
  }

  private settle<T>(callback: Callback<T> | undefined, work: () => Promise<T>): void {
    work().then(
      (value) => callback?.(undefined, value),
      (err: unknown) => callback?.(err),
    );
  }
}
