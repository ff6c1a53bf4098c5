import { hash } from 'node:crypto';

import { GatehouseStore, type GatehouseStoreOptions } from './gatehouse.store.js';
import { type AnyRedisClient, type RedisCall, redisCallWithin } from './redis.client.js';
import { acquireRedisLock, type RedisLockTiming } from './redis-lock.js';
import { DESTROY_SCRIPT, WRITE_SCRIPT } from './redis-scripts.js';
import type { RefreshLock } from './session-store.types.js';
import type {
  IndexedRow,
  IndexSelector,
  RowWrite,
  StoredRow,
  TombstoneReason,
  WriteOutcome,
} from './store-rows.js';

export type { AnyRedisClient } from './redis.client.js';

/** Options of {@link RedisSessionStore}. */
export interface RedisSessionStoreOptions extends GatehouseStoreOptions {
  /** A node-redis client (see `createRedisClient`); the store never connects it. */
  readonly client: AnyRedisClient;
  /** When true, `close()` closes the client too (default false: it belongs to the caller). */
  readonly ownsClient?: boolean;
  /** Key prefix (default `gatehouse:`). */
  readonly prefix?: string;
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

/** The JSON stored under a row key (format version 2). */
interface RedisRow extends StoredRow {
  readonly v: 2;
}

/**
 * The session store for several BFF instances (`SESSION_STORE=redis`), on the shared
 * {@link GatehouseStore} like the in-process stores: each primitive is one Redis command or one
 * atomic Lua script (`redis-scripts.ts`), plus the per-session refresh lock (`redis-lock.ts`) and
 * single-use claims. Written on the `redis` client alone, without connect-redis: that store keys
 * rows by the session id and cannot seal per session, so it would only have done GET and EXPIRE.
 * Every failure or a reply slower than `commandTimeoutMs` is a `SessionStoreUnavailableError`.
 * Key layout: `bff/README.md` (Sessions on Redis).
 */
export class RedisSessionStore extends GatehouseStore {
  private readonly redis: AnyRedisClient;
  private readonly call: RedisCall;
  private readonly prefix: string;
  private readonly ownsClient: boolean;
  private readonly indexTtlMs: number;
  private readonly lockTiming: RedisLockTiming;

  constructor(options: RedisSessionStoreOptions) {
    super(options);
    this.redis = options.client;
    this.ownsClient = options.ownsClient ?? false;
    this.call = redisCallWithin(options.commandTimeoutMs ?? 1000);
    this.prefix = options.prefix ?? 'gatehouse:';
    this.indexTtlMs = options.limits.absoluteMs + (options.graceMs ?? 5 * 60_000);
    this.lockTiming = {
      ttlMs: options.lockTtlMs ?? 15_000,
      waitMs: options.lockWaitMs ?? 5_000,
      maxHoldMs: options.lockMaxHoldMs ?? 5 * 60_000,
    };
  }

  /** Key of a kind (`s` row, `t` tombstone, `iw`/`iu` index, `l` lock) for a store key or hash. */
  private keyOf(kind: 's' | 't' | 'iw' | 'iu' | 'l', id: string): string {
    return `${this.prefix}${kind}:${id}`;
  }

  protected async readRow(key: string): Promise<StoredRow | undefined> {
    const raw = await this.call(() => this.redis.get(this.keyOf('s', key)));
    return typeof raw === 'string' ? parseRow(raw) : undefined;
  }

  protected async writeRow(write: RowWrite): Promise<WriteOutcome> {
    const { index, row } = write;
    const value: RedisRow = { v: 2, at: row.at, box: row.box };
    const outcome = await this.call(() =>
      this.redis.eval(WRITE_SCRIPT, {
        keys: [
          this.keyOf('s', write.key),
          this.keyOf('iw', index?.workosSessionKey ?? 'none'),
          this.keyOf('iu', index?.userKey ?? 'none'),
          ...write.tombstoneKeys.map((key) => this.keyOf('t', key)),
          ...write.previousKeys.map((key) => this.keyOf('s', key)),
        ],
        arguments: [
          String(row.at),
          JSON.stringify(value),
          String(this.msUntil(write.expiresAt)),
          write.key,
          index?.workosSessionId ?? '',
          String(this.indexTtlMs),
          String(write.tombstoneKeys.length),
        ],
      }),
    );
    return outcome === 'ok' || outcome === 'gone' ? outcome : 'changed';
  }

  protected async extendRow(key: string, expiresAt: number): Promise<void> {
    await this.call(() => this.redis.pExpire(this.keyOf('s', key), this.msUntil(expiresAt)));
  }

  protected async endRow(key: string, reason: TombstoneReason, until: number): Promise<void> {
    await this.call(() =>
      this.redis.eval(DESTROY_SCRIPT, {
        keys: [this.keyOf('s', key), this.keyOf('t', key)],
        arguments: [reason, String(this.msUntil(until))],
      }),
    );
  }

  protected async tombstoneOf(keys: readonly string[]): Promise<TombstoneReason | undefined> {
    const reasons = await this.call(() => this.redis.mGet(keys.map((k) => this.keyOf('t', k))));
    const reason = reasons.find((r) => typeof r === 'string');
    return typeof reason === 'string' ? (reason as TombstoneReason) : undefined;
  }

  /** The index entries whose row still exists (an index outlives rows that expired). */
  protected async rowsIndexed(selector: IndexSelector): Promise<IndexedRow[]> {
    const candidates: IndexedRow[] =
      'userKey' in selector
        ? Object.entries(
            await this.call(() => this.redis.hGetAll(this.keyOf('iu', selector.userKey))),
          ).map(([key, workosSessionId]) => ({ key, workosSessionId: String(workosSessionId) }))
        : [
            ...(await this.call(() =>
              this.redis.sMembers(this.keyOf('iw', selector.workosSessionKey)),
            )),
          ].map((key) => ({ key: String(key) }));
    const live: IndexedRow[] = [];
    for (const candidate of candidates) {
      const exists = await this.call(() => this.redis.exists(this.keyOf('s', candidate.key)));
      if (exists === 1) live.push(candidate);
    }
    return live;
  }

  protected async countRows(): Promise<number> {
    return (await this.keysMatching(this.keyOf('s', '*'))).length;
  }

  protected async deleteAll(): Promise<void> {
    for (const kind of ['s', 't', 'iw', 'iu'] as const) {
      const keys = await this.keysMatching(this.keyOf(kind, '*'));
      if (keys.length > 0) await this.call(() => this.redis.del(keys));
    }
  }

  /** The session's refresh lock, renewed while held (see {@link acquireRedisLock}). */
  acquireRefreshLock(sid: string): Promise<RefreshLock | undefined> {
    const key = this.keyOf('l', this.crypto.storeKey(sid));
    return acquireRedisLock(this.redis, this.call, key, this.lockTiming);
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

  /**
   * One raw command under the store's deadline and error mapping, on the same client (the rate
   * limits count in this Redis so that every instance shares them; see `createRateLimits`).
   */
  sendCommand(args: string[]): Promise<unknown> {
    return this.call(() => this.redis.sendCommand(args));
  }

  async close(): Promise<void> {
    if (this.ownsClient && this.redis.isOpen) await this.redis.close();
  }

  private async keysMatching(pattern: string): Promise<string[]> {
    return this.call(async () => {
      const found: string[] = [];
      for await (const keys of this.redis.scanIterator({ MATCH: pattern, COUNT: 100 })) {
        found.push(...keys.map(String));
      }
      return found;
    });
  }

  /** Milliseconds from now until `at`, at least 1 (Redis refuses a zero or negative expiry). */
  private msUntil(at: number): number {
    return Math.max(1, Math.ceil(at - this.clock()));
  }
}

/** The row in a stored value; undefined for anything else (it then reads as no session). */
function parseRow(raw: string): StoredRow | undefined {
  try {
    const row = JSON.parse(raw) as Partial<RedisRow>;
    return typeof row.box === 'string' && typeof row.at === 'number'
      ? { at: row.at, box: row.box }
      : undefined;
  } catch {
    return undefined;
  }
}
