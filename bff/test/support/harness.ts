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
import type { GatehouseStore } from '../../src/session/gatehouse.store.js';
import type { GatehouseStoreOptions } from '../../src/session/gatehouse.store.js';
import { RedisSessionStore } from '../../src/session/redis.store.js';
import type { BffSessionStore } from '../../src/session/session-store.types.js';
import type { ApiRoute } from '../../src/proxy/api-routes.js';
import { TEST_API_ROUTES } from './test-routes.js';
import { Tripwire } from './tripwire.js';

/** Remembers every row JSON ever written, so the tripwire can learn every token the BFF held. */
export class RecordingMemoryStore extends MemorySessionStore {
  readonly written: string[] = [];
  constructor(options: GatehouseStoreOptions) {
    super(options);
  }
  protected override writeRow(sid: string, json: string, expiresAt: number): void {
    this.written.push(json);
    super.writeRow(sid, json, expiresAt);
  }
}

/** The SQLite flavour of {@link RecordingMemoryStore}. */
export class RecordingSqliteStore extends SqliteSessionStore {
  readonly written: string[] = [];
  protected override writeRow(sid: string, json: string, expiresAt: number): void {
    this.written.push(json);
    super.writeRow(sid, json, expiresAt);
  }
}

/** The Redis flavour: records each session JSON handed to `set` (before sealing). */
export class RecordingRedisStore extends RedisSessionStore {
  readonly written: string[] = [];
  override set(sid: string, session: SessionData, callback?: (err?: unknown) => void): void {
    this.written.push(JSON.stringify(session));
    super.set(sid, session, callback);
  }
}

/** A settable clock. */
export class TestClock {
  constructor(public nowMs = Date.now()) {}
  readonly now = () => this.nowMs;
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

/** A BFF started in-process on port 0, with its responses and logs watched by the tripwire. */
export interface Harness<S extends BffSessionStore = GatehouseStore> {
  readonly bff: RunningBff;
  readonly url: string;
  readonly config: BffConfig;
  readonly store: S & { written: string[] };
  close(): Promise<void>;
}

/** Starts a BFF for a test suite. */
export async function startHarness<S extends BffSessionStore = GatehouseStore>(options: {
  config: BffConfig;
  tripwire: Tripwire;
  clock?: TestClock;
  store?: S & { written: string[] };
  /** The `/api` allow-list (default: the echo upstream's routes, every method). */
  apiRoutes?: readonly ApiRoute[];
}): Promise<Harness<S>> {
  const { config, tripwire } = options;
  const clock = options.clock?.now ?? (() => Date.now());
  const limits = { idleMs: config.session.idleMs, absoluteMs: config.session.absoluteMs };
  const store =
    options.store ??
    (new RecordingMemoryStore({
      clock,
      limits,
      secret: cookiePasswords(config),
    }) as unknown as S & {
      written: string[];
    });
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
