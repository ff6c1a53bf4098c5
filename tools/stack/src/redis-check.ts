import { connect } from 'node:net';

/** Raised when the Redis `--scale` needs does not answer. */
export class RedisUnreachableError extends Error {
  readonly code = 'redis_unreachable';
}

/**
 * Fails fast, before any service starts, when nothing listens at `redisUrl` (the BFFs would only
 * answer 503 until it does). The stack never starts Redis itself: it is the machine's.
 */
export function assertRedisReachable(redisUrl: string, timeoutMs = 1500): Promise<void> {
  const url = new URL(redisUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = Number(url.port || 6379);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const fail = (why: string) => {
      socket.destroy();
      reject(
        new RedisUnreachableError(
          `no Redis at ${host}:${port} (${why}). Install and start one, e.g. ` +
            '`sudo apt-get install redis-server` (Debian/Ubuntu start it on 127.0.0.1:6379), ' +
            'or set REDIS_URL',
        ),
      );
    };
    socket.setTimeout(timeoutMs, () => fail('timed out'));
    socket.once('error', (err: NodeJS.ErrnoException) => fail(err.code ?? 'error'));
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
  });
}
