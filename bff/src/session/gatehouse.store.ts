import type { SessionData } from 'express-session';
import { Store } from 'express-session';

import type { Clock } from '../clock.js';
import { type SessionLimits, sessionExpiresAt } from './session-expiry.js';

type Callback<T = void> = (err?: unknown, value?: T) => void;

/** Options shared by Gatehouse's session stores. */
export interface GatehouseStoreOptions {
  readonly clock: Clock;
  readonly limits: SessionLimits;
  /**
   * How long a row outlives its deadline (default 5 min). Within it the timeout middleware still
   * sees the session, destroys it and answers `session_expired` instead of a bare
   * `unauthenticated`; after it, the row is gone anyway.
   */
  readonly graceMs?: number;
}

/**
 * Base for Gatehouse's express-session stores. Subclasses implement small synchronous primitives;
 * this class adapts them to express-session's callback API and adds the two rules every store
 * must keep:
 *
 * - rows expire at the earlier of the idle and absolute deadline (computed from the session itself);
 * - **no resurrection**: `destroy` leaves a tombstone for the id, and a later `set`/`touch` of that id
 *   (a slow in-flight request finishing after logout) is ignored. Ids are 192-bit random values,
 *   so a destroyed id is never legitimately reused.
 */
export abstract class GatehouseStore extends Store {
  protected readonly clock: Clock;
  protected readonly limits: SessionLimits;
  private readonly graceMs: number;

  protected constructor(options: GatehouseStoreOptions) {
    super();
    this.clock = options.clock;
    this.limits = options.limits;
    this.graceMs = options.graceMs ?? 5 * 60_000;
  }

  private rowExpiry(session: SessionData, now: number): number {
    return sessionExpiresAt(session, this.limits, now) + this.graceMs;
  }

  protected abstract readRow(sid: string, now: number): string | undefined;
  protected abstract writeRow(sid: string, json: string, expiresAt: number): void;
  protected abstract updateExpiry(sid: string, expiresAt: number): void;
  protected abstract deleteRow(sid: string, tombstoneUntil: number): void;
  protected abstract isTombstoned(sid: string, now: number): boolean;
  protected abstract countRows(now: number): number;
  protected abstract deleteAll(): void;
  /** Removes expired rows and tombstones; returns how many rows went. */
  abstract prune(): number;
  /** Releases resources (timers, file handles). */
  abstract close(): void;
  /** Every stored row as raw text (tests use it to prove no token is stored in clear). */
  abstract dump(): string[];

  /** The session for `sid`, or undefined (also for expired ones). */
  getSession(sid: string): SessionData | undefined {
    const json = this.readRow(sid, this.clock());
    return json === undefined ? undefined : (JSON.parse(json) as SessionData);
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    this.run(callback, () => this.getSession(sid) ?? null);
  }

  override set(sid: string, session: SessionData, callback?: Callback): void {
    this.run(callback, () => {
      const now = this.clock();
      if (this.isTombstoned(sid, now)) return;
      const merged = this.keepNewestTokens(sid, session, now);
      this.writeRow(sid, JSON.stringify(merged), this.rowExpiry(merged, now));
    });
  }

  /**
   * Tokens never go backwards. A request that loaded the session before a concurrent refresh
   * rotated its tokens still saves its copy at the end (its `lastSeenAt` changed); writing that
   * copy verbatim would put back the consumed refresh token, and a later refresh would replay it
   * (`invalid_grant` once the grace window is over: a logout out of nowhere). So when the stored
   * row holds a later access token, its token fields win and only the rest of the incoming copy is
   * taken.
   */
  private keepNewestTokens(sid: string, incoming: SessionData, now: number): SessionData {
    const next = incoming.auth;
    if (!next) return incoming;
    const json = this.readRow(sid, now);
    if (json === undefined) return incoming;
    const stored = (JSON.parse(json) as SessionData).auth;
    if (!stored || stored.accessExpiresAt <= next.accessExpiresAt) return incoming;
    const {
      sealedTokens,
      accessExpiresAt,
      organizationId,
      role,
      roles,
      permissions,
      user,
      workosSessionId,
    } = stored;
    return {
      ...incoming,
      auth: {
        ...next,
        sealedTokens,
        accessExpiresAt,
        organizationId,
        role,
        roles,
        permissions,
        user,
        workosSessionId,
      },
    };
  }

  override touch(sid: string, session: SessionData, callback?: Callback): void {
    this.run(callback, () => {
      const now = this.clock();
      if (this.isTombstoned(sid, now)) return;
      this.updateExpiry(sid, this.rowExpiry(session, now));
    });
  }

  override destroy(sid: string, callback?: Callback): void {
    this.run(callback, () => this.deleteRow(sid, this.clock() + this.limits.absoluteMs));
  }

  override length(callback: Callback<number>): void {
    this.run(callback, () => this.countRows(this.clock()));
  }

  override clear(callback?: Callback): void {
    this.run(callback, () => this.deleteAll());
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
