import { hash } from 'node:crypto';

import { RedisStore } from 'connect-redis';
import type { SessionData } from 'express-session';
import { Store } from 'express-session';
import type { RedisClientType } from 'redis';

import type { Clock } from '../clock.js';
import { acquireRedisLock } from './redis-lock.js';
import { DESTROY_SCRIPT, WRITE_SCRIPT } from './redis-scripts.js';
import { SessionCrypto } from './session-crypto.js';
import { endedPlaceholder, keepNewestTokens } from './session-merge.js';
import { type SessionLimits, sessionExpiresAt } from './session-expiry.js';
import {
  type BffSessionStore,
  type RefreshLock,
  type SessionSelector,
  SessionStoreUnavailableError,
} from './session-store.types.js';
import type { SessionEndReason } from './session.types.js';

type Callback<T = void> = (err?: unknown, value?: T) => void;

/** A node-redis v6 client (any modules/scripts/type mapping). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRedisClient = RedisClientType<any, any, any, any, any>;

/** Options of {@link RedisSessionStore}. */
export interface RedisSessionStoreOptions {
  /** A node-redis client; the store never connects or quits it (see `createRedisClient`). */
  readonly client: AnyRedisClient;
  readonly clock: Clock;
  readonly limits: SessionLimits;
  /** The server's passwords, newest first (see `GatehouseStoreOptions.secret`). */
  readonly secret: string | readonly string[];
  /** Key prefix (default `gatehouse:`). */
  readonly prefix?: string;
  /** Row grace after the deadline, as in `GatehouseStore` (default 5 min). */
  readonly graceMs?: number;
  /** Per-command deadline; a slower Redis counts as unavailable (default 1000 ms). */
  readonly commandTimeoutMs?: number;
  /** Refresh-lock key lifetime, renewed every third of it while the lock is held (default 15 s). */
  readonly lockTtlMs?: number;
  /** How long a request waits for another instance's refresh before answering 503 (default 5 s). */
  readonly lockWaitMs?: number;
  /**
   * How long a held refresh lock is renewed at most: the worst case of one refresh with the
   * configured SDK timeout, retries and `Retry-After` cap (see `refreshLockMaxHoldMs`; default 5 min).
   */
  readonly lockMaxHoldMs?: number;
}

/** The value stored under a row key: the sealed session and its access-token expiry (not secret). */
interface StoredRow {
  readonly v: 2;
  /** `auth.accessExpiresAt` (0 without auth): orders token generations in the write script. */
  readonly at: number;
  readonly box: string;
}

/**
 * The session store for several BFF instances (`SESSION_STORE=redis`): `connect-redis` over the
 * `redis` client. connect-redis does what it is built for — prefixing, TTL from the session,
 * JSON, `get`/`touch`/`length`/`clear` with SCAN — on rows whose "id" is the store key; this class
 * adds what express-session stores do not have and the BFF contract needs, each as one atomic Redis
 * script: the compare-and-set write (tombstones, tokens never go backwards across instances), the
 * tombstoning destroy, the WorkOS-session and user indexes, and the per-session refresh lock
 * (`SET NX PX`). Keys and values hold no session id and no token: see {@link SessionCrypto}.
 *
 * Every Redis failure (down, reconnecting, slower than `commandTimeoutMs`) surfaces as
 * {@link SessionStoreUnavailableError}; the client's offline queue is off, so nothing waits for a
 * Redis that is away.
 */
export class RedisSessionStore extends Store implements BffSessionStore {
  private readonly redis: AnyRedisClient;
  private readonly rows: RedisStore;
  private readonly crypto: SessionCrypto;
  private readonly clock: Clock;
  private readonly limits: SessionLimits;
  private readonly prefix: string;
  private readonly graceMs: number;
  private readonly lockTtlMs: number;
  private readonly lockWaitMs: number;
  private readonly lockMaxHoldMs: number;
  private readonly commandTimeoutMs: number;

  constructor(options: RedisSessionStoreOptions) {
    super();
    this.commandTimeoutMs = options.commandTimeoutMs ?? 1000;
    this.redis = options.client;
    this.crypto = new SessionCrypto(options.secret);
    this.clock = options.clock;
    this.limits = options.limits;
    this.prefix = options.prefix ?? 'gatehouse:';
    this.graceMs = options.graceMs ?? 5 * 60_000;
    this.lockTtlMs = options.lockTtlMs ?? 15_000;
    this.lockWaitMs = options.lockWaitMs ?? 5_000;
    this.lockMaxHoldMs = options.lockMaxHoldMs ?? 5 * 60_000;
    this.rows = new RedisStore({
      client: this.redis,
      prefix: `${this.prefix}s:`,
      // connect-redis asks for a TTL in seconds; our "sessions" here are `{ expiresAt }` holders.
      ttl: (holder: SessionData) =>
        Math.max(
          1,
          Math.ceil(((holder as unknown as { expiresAt: number }).expiresAt - this.clock()) / 1000),
        ),
    });
  }

  private rowKey(key: string): string {
    return `${this.prefix}s:${key}`;
  }
  private tombKey(key: string): string {
    return `${this.prefix}t:${key}`;
  }
  private workosIndexKey(hash: string): string {
    return `${this.prefix}iw:${hash}`;
  }
  private userIndexKey(hash: string): string {
    return `${this.prefix}iu:${hash}`;
  }

  /**
   * Runs one Redis call under the command deadline. node-redis's own `timeout` option only covers
   * commands still waiting to be written, so a Redis that accepted the bytes and then stalls would
   * hold the request forever; the race bounds it (the late reply, if any, is dropped).
   */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SessionStoreUnavailableError('redis did not answer in time')),
        this.commandTimeoutMs,
      );
    });
    try {
      return await Promise.race([work(), deadline]);
    } catch (err) {
      if (err instanceof SessionStoreUnavailableError) throw err;
      throw new SessionStoreUnavailableError('redis unavailable', { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One raw Redis command under the same deadline and error mapping as the store's own calls, on
   * the same client (rate limits count in Redis so every instance shares them; see
   * `createRateLimits`). A Redis that is away raises {@link SessionStoreUnavailableError}.
   */
  sendCommand(args: string[]): Promise<unknown> {
    return this.call(() => this.redis.sendCommand(args));
  }

  private async readRow(key: string): Promise<StoredRow | undefined> {
    const row = (await this.call(() => this.rows.get(key))) as StoredRow | null;
    return row && typeof row.box === 'string' ? row : undefined;
  }

  private open(
    sid: string,
    found: { row: StoredRow; gen: number } | undefined,
  ): SessionData | undefined {
    const json = found && this.crypto.open(sid, found.row.box, found.gen);
    return json === undefined ? undefined : (JSON.parse(json) as SessionData);
  }

  /**
   * The row of `sid` under the newest password's store key, else under a previous one's (one more
   * GET per previous password, only for a session not found under the newest).
   */
  private async locate(sid: string): Promise<{ row: StoredRow; gen: number } | undefined> {
    for (const [gen, key] of this.crypto.storeKeys(sid).entries()) {
      const row = await this.readRow(key);
      if (row) return { row, gen };
    }
    return undefined;
  }

  /** The live session for `sid` (undefined when missing, ended or unopenable). */
  async getSession(sid: string): Promise<SessionData | undefined> {
    return this.open(sid, await this.locate(sid));
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    this.settle(callback, async () => {
      const found = await this.getSession(sid);
      if (found) return found;
      const tombKeys = this.crypto.storeKeys(sid).map((key) => this.tombKey(key));
      const reasons = await this.call(() => this.redis.mGet(tombKeys));
      const reason = reasons.find((r) => typeof r === 'string');
      return typeof reason === 'string' && reason !== 'ended'
        ? endedPlaceholder(reason as SessionEndReason)
        : null;
    });
  }

  override set(sid: string, session: SessionData, callback?: Callback): void {
    this.settle(callback, async () => {
      if (session.ended) return;
      const [key, ...previousKeys] = this.crypto.storeKeys(sid) as [string, ...string[]];
      const tombKeys = [key, ...previousKeys].map((k) => this.tombKey(k));
      for (let attempt = 0; attempt < 8; attempt += 1) {
        const merged = keepNewestTokens(this.open(sid, await this.locate(sid)), session);
        const ttlMs =
          sessionExpiresAt(merged, this.limits, this.clock()) + this.graceMs - this.clock();
        if (ttlMs <= 0) return;
        const auth = merged.auth;
        const at = auth?.accessExpiresAt ?? 0;
        const row: StoredRow = { v: 2, at, box: this.crypto.seal(sid, JSON.stringify(merged)) };
        const outcome = await this.call(() =>
          this.redis.eval(WRITE_SCRIPT, {
            keys: [
              this.rowKey(key),
              this.workosIndexKey(
                auth ? this.crypto.indexKey('workos-session', auth.workosSessionId) : 'none',
              ),
              this.userIndexKey(auth ? this.crypto.indexKey('user', auth.user.id) : 'none'),
              ...tombKeys,
              ...previousKeys.map((k) => this.rowKey(k)),
            ],
            arguments: [
              String(at),
              JSON.stringify(row),
              String(Math.ceil(ttlMs)),
              key,
              auth?.workosSessionId ?? '',
              String(this.limits.absoluteMs + this.graceMs),
              String(tombKeys.length),
            ],
          }),
        );
        if (outcome !== 'changed') return;
      }
      throw new SessionStoreUnavailableError('session row kept changing');
    });
  }

  /**
   * No Redis call for a signed-in session: its row's TTL follows the stored `lastSeenAt`, which an
   * unchanged copy cannot move (see `GatehouseStore.touch`); a `PEXPIRE` per request would cost a
   * round trip and could shorten a TTL another instance had just extended.
   */
  override touch(sid: string, session: SessionData, callback?: Callback): void {
    this.settle(callback, async () => {
      if (session.ended || session.auth) return;
      const expiresAt = sessionExpiresAt(session, this.limits, this.clock()) + this.graceMs;
      // EXPIRE on a destroyed (deleted) row does nothing, so touch cannot resurrect either.
      await this.call(() =>
        this.rows.touch(this.crypto.storeKey(sid), { expiresAt } as unknown as SessionData),
      );
    });
  }

  override destroy(sid: string, callback?: Callback): void {
    this.settle(callback, async () => {
      for (const key of this.crypto.storeKeys(sid)) {
        await this.destroyKey(key, 'ended');
        this.crypto.forget(key);
      }
    });
  }

  private async destroyKey(key: string, reason: 'ended' | SessionEndReason): Promise<void> {
    await this.call(() =>
      this.redis.eval(DESTROY_SCRIPT, {
        keys: [this.rowKey(key), this.tombKey(key)],
        arguments: [reason, String(this.limits.absoluteMs)],
      }),
    );
  }

  override length(callback: Callback<number>): void {
    this.settle(callback, () => this.call(() => this.rows.length() as Promise<number>));
  }

  override clear(callback?: Callback): void {
    this.settle(callback, async () => {
      await this.call(() => this.rows.clear());
    });
  }

  /** Store keys (with their WorkOS session ids) of the live rows matching `selector`. */
  private async keysOf(
    selector: SessionSelector,
  ): Promise<{ key: string; workosSessionId?: string }[]> {
    const candidates: { key: string; workosSessionId?: string }[] = [];
    if ('userId' in selector) {
      for (const hash of this.crypto.indexKeys('user', selector.userId)) {
        const entries = await this.call(() => this.redis.hGetAll(this.userIndexKey(hash)));
        for (const [key, workosSessionId] of Object.entries(entries)) {
          candidates.push({ key, workosSessionId: String(workosSessionId) });
        }
      }
    } else {
      for (const hash of this.crypto.indexKeys('workos-session', selector.workosSessionId)) {
        const keys = await this.call(() => this.redis.sMembers(this.workosIndexKey(hash)));
        for (const key of keys) candidates.push({ key: String(key) });
      }
    }
    const live: { key: string; workosSessionId?: string }[] = [];
    for (const candidate of candidates) {
      if ((await this.call(() => this.redis.exists(this.rowKey(candidate.key)))) === 1) {
        live.push(candidate);
      }
    }
    return live;
  }

  async destroySessionsOf(selector: SessionSelector, reason: SessionEndReason): Promise<number> {
    const keys = await this.keysOf(selector);
    for (const { key } of keys) await this.destroyKey(key, reason);
    return keys.length;
  }

  async workosSessionIdsOf(userId: string): Promise<string[]> {
    const keys = await this.keysOf({ userId });
    return [...new Set(keys.flatMap((k) => (k.workosSessionId ? [k.workosSessionId] : [])))];
  }

  /** The session's refresh lock, renewed while held (see {@link acquireRedisLock}). */
  acquireRefreshLock(sid: string): Promise<RefreshLock | undefined> {
    return acquireRedisLock(
      this.redis,
      (work) => this.call(work),
      `${this.prefix}l:${this.crypto.storeKey(sid)}`,
      { ttlMs: this.lockTtlMs, waitMs: this.lockWaitMs, maxHoldMs: this.lockMaxHoldMs },
    );
  }

  /** `SET NX PX` under a hash of the value: the first claimant in `ttlMs` wins, on any instance. */
  async claimOnce(purpose: string, value: string, ttlMs: number): Promise<boolean> {
    const key = `${this.prefix}once:${purpose}:${hash('sha256', value, 'base64url')}`;
    const taken = await this.call(() =>
      this.redis.set(key, '1', {
        condition: 'NX',
        expiration: { type: 'PX', value: Math.max(1, Math.ceil(ttlMs)) },
      }),
    );
    return taken === 'OK';
  }

  /** Nothing to release: the client belongs to whoever created it. */
  close(): void {}

  /** Every key and value under the prefix, as text (tests prove no token or id is stored). */
  async dump(): Promise<string[]> {
    const out: string[] = [];
    for await (const keys of this.redis.scanIterator({ MATCH: `${this.prefix}*`, COUNT: 100 })) {
      for (const key of keys) {
        const type = await this.redis.type(key);
        const value =
          type === 'string'
            ? await this.redis.get(key)
            : type === 'set'
              ? await this.redis.sMembers(key)
              : type === 'hash'
                ? await this.redis.hGetAll(key)
                : type;
        out.push(`${String(key)} ${JSON.stringify(value)}`);
      }
    }
    return out;
  }

  private settle<T>(callback: Callback<T> | undefined, work: () => Promise<T>): void {
    work().then(
      (value) => callback?.(undefined, value),
      (err: unknown) => callback?.(err),
    );
  }
}
