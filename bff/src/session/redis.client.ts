import type { Logger } from 'pino';
import { createClient, type RedisClientType } from 'redis';

import { SessionStoreUnavailableError } from './session-store.types.js';

/** A node-redis v6 client (any modules/scripts/type mapping). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRedisClient = RedisClientType<any, any, any, any, any>;

/** Runs one Redis call under the store's deadline and error mapping. */
export type RedisCall = <T>(work: () => Promise<T>) => Promise<T>;

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

/**
 * Runs each Redis call under a deadline of `timeoutMs`, every failure raised as
 * {@link SessionStoreUnavailableError}. node-redis's own `timeout` option only covers commands
 * still waiting to be written, so a Redis that accepted the bytes and then stalls would hold the
 * request forever; the race bounds it (the late reply, if any, is dropped).
 */
export function redisCallWithin(timeoutMs: number): RedisCall {
  return async <T>(work: () => Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SessionStoreUnavailableError('redis did not answer in time')),
        timeoutMs,
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
  };
}
