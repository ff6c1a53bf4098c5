import type { SessionData } from 'express-session';

import {
  MemorySessionStore,
  SqliteSessionStore,
  startBff,
  type BffConfig,
  type RunningBff,
} from '../../src/index.js';
import { cookiePasswords } from '../../src/config/config.schema.js';
import { createLogger } from '../../src/http/logger.js';
import { RedisSessionStore, type RedisSessionStoreOptions } from '../../src/session/redis.store.js';
import type { SqliteStoreOptions } from '../../src/session/sqlite.store.js';
import type { BffSessionStore } from '../../src/session/session-store.types.js';
import type { ApiRoute } from '../../src/proxy/api-routes.js';
import { redisEntries, sqliteRows } from './store-backing.js';
import { TEST_API_ROUTES } from './test-routes.js';
import { Tripwire } from './tripwire.js';

type SetCallback = (err?: unknown) => void;

/** A store that remembers every session JSON handed to `set`, so the tripwire learns every token. */
export interface RecordingStore extends BffSessionStore {
  readonly written: string[];
}

/** The memory store, recording; `dump()` lists its rows as `key|box|index`. */
export class RecordingMemoryStore extends MemorySessionStore implements RecordingStore {
  readonly written: string[] = [];
  override set(sid: string, session: SessionData, callback?: SetCallback): void {
    this.written.push(JSON.stringify(session));
    super.set(sid, session, callback);
  }
  dump(): string[] {
    return [...this.rows].map(
      ([key, { row, index }]) => `${key}|${row.box}|${JSON.stringify(index)}`,
    );
  }
}

/** The SQLite store, recording; `dump()` reads its rows through a second connection. */
export class RecordingSqliteStore extends SqliteSessionStore implements RecordingStore {
  readonly written: string[] = [];
  private readonly path: string;
  constructor(options: SqliteStoreOptions) {
    super(options);
    this.path = options.path;
  }
  override set(sid: string, session: SessionData, callback?: SetCallback): void {
    this.written.push(JSON.stringify(session));
    super.set(sid, session, callback);
  }
  dump(): string[] {
    return sqliteRows(this.path);
  }
}

/** The Redis store, recording; `dump()` lists every key under its prefix with its value. */
export class RecordingRedisStore extends RedisSessionStore implements RecordingStore {
  readonly written: string[] = [];
  private readonly options: RedisSessionStoreOptions;
  constructor(options: RedisSessionStoreOptions) {
    super(options);
    this.options = options;
  }
  override set(sid: string, session: SessionData, callback?: SetCallback): void {
    this.written.push(JSON.stringify(session));
    super.set(sid, session, callback);
  }
  dump(): Promise<string[]> {
    return redisEntries(this.options.client, this.options.prefix ?? 'gatehouse:');
  }
}

/** The stores of in-process harnesses: memory (the default) or SQLite. */
export type InProcessStore = RecordingMemoryStore | RecordingSqliteStore;

/** A settable clock. */
export class TestClock {
  constructor(public nowMs = Date.now()) {}
  readonly now = () => this.nowMs;
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

/** A BFF started in-process on port 0, with its responses and logs watched by the tripwire. */
export interface Harness<S extends RecordingStore = InProcessStore> {
  readonly bff: RunningBff;
  readonly url: string;
  readonly config: BffConfig;
  readonly store: S;
  close(): Promise<void>;
}

/** Starts a BFF for a test suite. */
export async function startHarness<S extends RecordingStore = InProcessStore>(options: {
  config: BffConfig;
  tripwire: Tripwire;
  clock?: TestClock;
  store?: S;
  /** The `/api` allow-list (default: the echo upstream's routes, every method). */
  apiRoutes?: readonly ApiRoute[];
}): Promise<Harness<S>> {
  const { config, tripwire } = options;
  const clock = options.clock?.now ?? (() => Date.now());
  const limits = { idleMs: config.session.idleMs, absoluteMs: config.session.absoluteMs };
  const store =
    options.store ??
    (new RecordingMemoryStore({ clock, limits, secret: cookiePasswords(config) }) as unknown as S);
  const bff = await startBff({
    config,
    port: 0,
    deps: {
      now: clock,
      store,
      logger: createLogger('debug', tripwire.logStream),
      apiRoutes: options.apiRoutes ?? TEST_API_ROUTES,
    },
  });
  tripwire.watch(bff.server);
  return {
    bff,
    url: bff.url,
    config,
    store,
    close: async () => {
      await bff.close();
      await tripwire.addSealedFrom(store.written, cookiePasswords(config));
    },
  };
}
