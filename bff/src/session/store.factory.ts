import type { Logger } from 'pino';

import type { Clock } from '../clock.js';
import type { BffConfig } from '../config/config.schema.js';
import { MemorySessionStore } from './memory.store.js';
import { createRedisClient } from './redis.client.js';
import { RedisSessionStore } from './redis.store.js';
import type { BffSessionStore } from './session-store.types.js';
import { SqliteSessionStore } from './sqlite.store.js';

/** Builds the store named by `SESSION_STORE` (closing it also closes a Redis client it created). */
export function createSessionStore(
  config: BffConfig,
  clock: Clock,
  logger: Logger,
): BffSessionStore {
  const limits = { idleMs: config.session.idleMs, absoluteMs: config.session.absoluteMs };
  const secret = config.workos.cookiePassword;
  switch (config.session.store) {
    case 'memory':
      return new MemorySessionStore({ clock, limits, secret });
    case 'sqlite':
      return new SqliteSessionStore({ clock, limits, secret, path: config.session.sqlitePath });
    case 'redis': {
      const redis = config.session.redis;
      const client = createRedisClient({ url: redis.url, logger });
      const store = new RedisSessionStore({
        client,
        clock,
        limits,
        secret,
        prefix: redis.prefix,
        commandTimeoutMs: redis.commandTimeoutMs,
        lockWaitMs: redis.lockWaitMs,
      });
      return Object.assign(store, {
        close: async () => {
          if (client.isOpen) await client.close();
        },
      });
    }
  }
}
