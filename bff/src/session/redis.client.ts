import type { Logger } from 'pino';
import { createClient } from 'redis';

import type { AnyRedisClient } from './redis.store.js';

/** Options of {@link createRedisClient}. */
export interface RedisClientOptions {
  readonly url: string;
  readonly logger: Logger;
  /** Socket connect deadline (default 2000 ms). */
  readonly connectTimeoutMs?: number;
}

/**
 * A node-redis client that never takes the BFF down and never makes a request wait for a Redis
 * that is away:
 * - `error` events are logged (an unhandled `error` event would crash the process);
 * - the offline queue is off, so commands sent while disconnected fail at once (→ 503) instead of
 *   piling up;
 * - it reconnects by itself forever with a capped backoff (100 ms doubling to 2 s), also when
 *   Redis was not there at boot, so the BFF recovers on its own when Redis returns.
 * The URL (it may hold a password) is never logged.
 */
export function createRedisClient(options: RedisClientOptions): AnyRedisClient {
  const { logger } = options;
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: options.connectTimeoutMs ?? 2000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 5), 2000),
    },
  });
  let healthy = true;
  client.on('error', (err: unknown) => {
    // One warning per outage, then debug: a reconnect loop must not flood the log.
    const code = (err as { code?: unknown }).code;
    logger[healthy ? 'warn' : 'debug']({ event: 'redis.error', code }, 'redis unavailable');
    healthy = false;
  });
  client.on('ready', () => {
    if (!healthy) logger.info({ event: 'redis.ready' }, 'redis available again');
    healthy = true;
  });
  // connect() keeps retrying with the strategy above when Redis is not there at boot; it only
  // rejects for a bad configuration, which is logged rather than thrown at a request (and when the
  // store is closed before a first connection, which is not worth an error).
  client.connect().catch((err: unknown) => {
    logger[client.isOpen ? 'error' : 'debug'](
      { event: 'redis.connect_failed', code: (err as { code?: unknown }).code },
      'redis connect failed',
    );
  });
  return client;
}

/** Resolves once the client is connected (tests and start-up checks); rejects after `timeoutMs`. */
export function whenRedisReady(client: AnyRedisClient, timeoutMs = 10_000): Promise<void> {
  if (client.isReady) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      reject(new Error('redis not ready in time'));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', onReady);
  });
}
