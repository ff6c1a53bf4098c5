import type { Logger } from 'pino';

import { workosCallWorstCaseMs } from '../auth/workos.client.js';
import type { Clock } from '../clock.js';
import { type BffConfig, cookiePasswords } from '../config/config.schema.js';
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
  const secret = cookiePasswords(config);
  switch (config.session.store) {
    case 'memory':
      return new MemorySessionStore({ clock, limits, secret });
    case 'sqlite':
      return new SqliteSessionStore({ clock, limits, secret, path: config.session.sqlitePath });
    case 'redis': {
      const redis = config.session.redis;
      return new RedisSessionStore({
        client: createRedisClient({ url: redis.url, logger }),
        ownsClient: true,
        clock,
        limits,
        secret,
        prefix: redis.prefix,
        commandTimeoutMs: redis.commandTimeoutMs,
        lockWaitMs: redis.lockWaitMs,
        lockMaxHoldMs: refreshLockMaxHoldMs(config),
      });
    }
  }
}

/** Redis calls a refresh makes under its lock: budget, reload, and a save's read-and-write retries. */
const REDIS_CALLS_UNDER_LOCK = 20;

/**
 * How long a refresh can hold its lock with this configuration: the worst case of the WorkOS
 * call (timeouts, retries, `Retry-After`) plus the Redis calls around it, each at its deadline.
 */
export function refreshLockMaxHoldMs(config: BffConfig): number {
  return (
    workosCallWorstCaseMs(config.workos) +
    REDIS_CALLS_UNDER_LOCK * config.session.redis.commandTimeoutMs
  );
}
