import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import type { Clock } from '../../src/clock.js';
import { createLogger } from '../../src/http/logger.js';
import type { GatehouseStore } from '../../src/session/gatehouse.store.js';
import { MemorySessionStore } from '../../src/session/memory.store.js';
import {
  type AnyRedisClient,
  createRedisClient,
  whenRedisReady,
} from '../../src/session/redis.client.js';
import { RedisSessionStore } from '../../src/session/redis.store.js';
import type { BffSessionStore } from '../../src/session/session-store.types.js';
import { SqliteSessionStore } from '../../src/session/sqlite.store.js';
import { redisEntries, redisExpiresAt, sqliteRows } from './store-backing.js';
import { startTestRedis, type TestRedis } from './redis-server.js';

/** What a contract test may ask of a new store besides the clock and limits. */
export interface OpenOptions {
  readonly secret: string | readonly string[];
  readonly graceMs?: number;
  readonly lockTtlMs?: number;
  readonly lockWaitMs?: number;
  readonly lockMaxHoldMs?: number;
}

/** A session row as its backing holds it. */
export interface BackingRow {
  /** The store key. */
  readonly key: string;
  /** Everything stored for the row, as text. */
  readonly text: string;
  /** The row's expiry on the backing's own clock (the store clock in process, Redis's clock). */
  readonly expiresAt: number;
  /** How long the row has left in the backing. */
  readonly ttlMs: number;
}

/** A store under test, with the optional parts of the contract (locks, claims) in its type. */
export type StoreUnderTest = GatehouseStore & BffSessionStore;

/** One backing (a map, a database file, a Redis key prefix) and the stores opened over it. */
export interface Backing {
  open(options: OpenOptions): StoreUnderTest;
  rows(): Promise<BackingRow[]>;
  /** Every byte the backing holds (files, or keys and values), as text. */
  bytes(): Promise<string>;
  /** Makes the backing unreachable; resolves to the function that brings it back. */
  outage?(): Promise<() => Promise<void>>;
  dispose(): Promise<void>;
}

/** A store implementation under the contract. */
export interface StoreKind {
  readonly name: string;
  /** Stores opened over one backing see each other's rows (a restart, another instance). */
  readonly shared: boolean;
  /**
   * The store runs in the process: its rows expire on the store's clock and `prune()` removes
   * them. Otherwise (Redis) the backing expires keys on its own clock.
   */
  readonly inProcess: boolean;
  /** The store hands out refresh locks and single-use claims (`acquireRefreshLock`, `claimOnce`). */
  readonly locks: boolean;
  /** The backing can be made unreachable (`Backing.outage`). */
  readonly outages: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  backing(clock: Clock): Promise<Backing>;
}

export const LIMITS = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };

/** A memory store whose rows the contract can read. */
class InspectableMemoryStore extends MemorySessionStore {
  backingRows(now: number): BackingRow[] {
    return [...this.rows].map(([key, { row, expiresAt, index }]) => ({
      key,
      text: `${row.box}|${row.at}|${JSON.stringify(index)}`,
      expiresAt,
      ttlMs: expiresAt - now,
    }));
  }
}

export const memoryKind: StoreKind = {
  name: 'memory',
  shared: false,
  inProcess: true,
  locks: false,
  outages: false,
  start: () => Promise.resolve(),
  stop: () => Promise.resolve(),
  backing(clock) {
    const stores: InspectableMemoryStore[] = [];
    const rows = () => stores.flatMap((store) => store.backingRows(clock()));
    return Promise.resolve({
      open: (options) => {
        const store = new InspectableMemoryStore({ ...options, clock, limits: LIMITS });
        stores.push(store);
        return store;
      },
      rows: () => Promise.resolve(rows()),
      bytes: () =>
        Promise.resolve(
          rows()
            .map((row) => `${row.key} ${row.text}`)
            .join('\n'),
        ),
      dispose: () => Promise.resolve(stores.forEach((store) => store.close())),
    });
  },
};

export const sqliteKind: StoreKind = {
  name: 'sqlite',
  shared: true,
  inProcess: true,
  locks: false,
  outages: true,
  start: () => Promise.resolve(),
  stop: () => Promise.resolve(),
  backing(clock) {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-contract-'));
    const path = join(dir, 'nested', 'sessions.sqlite');
    const stores: SqliteSessionStore[] = [];
    return Promise.resolve({
      open: (options) => {
        const store = new SqliteSessionStore({
          ...options,
          clock,
          limits: LIMITS,
          path,
          pruneIntervalMs: 0,
          busyTimeoutMs: 50,
        });
        stores.push(store);
        return store;
      },
      rows: () =>
        Promise.resolve(
          sqliteRows(path).map((text) => {
            const row = JSON.parse(text) as { key: string; expires_at: number };
            const ttlMs = row.expires_at - clock();
            return { key: row.key, text, expiresAt: row.expires_at, ttlMs };
          }),
        ),
      bytes: () =>
        Promise.resolve(
          readdirSync(join(dir, 'nested'))
            .map((file) => readFileSync(join(dir, 'nested', file)).toString('latin1'))
            .join('\n'),
        ),
      // Another connection holds the write lock, as another process would.
      outage: () => {
        const holder = new DatabaseSync(path);
        holder.exec('BEGIN IMMEDIATE');
        return Promise.resolve(() => {
          holder.exec('ROLLBACK');
          holder.close();
          return Promise.resolve();
        });
      },
      dispose: () => {
        for (const store of stores) store.close();
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    });
  },
};

/** Redis: one server for the kind, one client per backing, a key prefix per backing. */
export function redisKind(): StoreKind {
  let redis: TestRedis;
  const clients: AnyRedisClient[] = [];
  let backings = 0;
  return {
    name: 'redis',
    shared: true,
    inProcess: false,
    locks: true,
    outages: true,
    start: async () => {
      redis = await startTestRedis();
    },
    stop: async () => {
      for (const client of clients) if (client.isOpen) await client.close();
      await redis.stop();
    },
    async backing(clock) {
      const prefix = `contract-${(backings += 1)}:`;
      const client = createRedisClient({ url: redis.url, logger: createLogger('silent') });
      clients.push(client);
      await whenRedisReady(client);
      const rowPrefix = `${prefix}s:`;
      return {
        open: (options) =>
          new RedisSessionStore({ ...options, client, clock, limits: LIMITS, prefix }),
        rows: async () => {
          const rows: BackingRow[] = [];
          for (const entry of await redisEntries(client, rowPrefix)) {
            const name = entry.slice(0, entry.indexOf(' '));
            const expiresAt = await redisExpiresAt(client, name);
            const ttlMs = expiresAt - Date.now();
            rows.push({ key: name.slice(rowPrefix.length), text: entry, expiresAt, ttlMs });
          }
          return rows;
        },
        bytes: async () => (await redisEntries(client, prefix)).join('\n'),
        // A Redis that accepts connections and answers nothing (SIGSTOP), then comes back.
        outage: () => {
          redis.pause();
          return Promise.resolve(() => Promise.resolve(redis.resume()));
        },
        dispose: () => client.close(),
      };
    },
  };
}
