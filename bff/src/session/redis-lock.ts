import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { AnyRedisClient, RedisCall } from './redis.client.js';
import type { RefreshLock } from './session-store.types.js';

/** Releases a lock only if it is still ours. */
const UNLOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Extends a lock only if it is still ours. */
const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** Timing of a {@link acquireRedisLock} lock. */
export interface RedisLockTiming {
  /** Lifetime of the key; renewed to this every third of it while held. */
  readonly ttlMs: number;
  /** How long to wait for a lock held elsewhere before giving up. */
  readonly waitMs: number;
  /**
   * Renewal stops after this long: the longest the holder's work can take with the configuration
   * (see `refreshLockMaxHoldMs`), so a holder stuck past that cannot keep the lock forever.
   */
  readonly maxHoldMs: number;
}

/**
 * A Redis lock (`SET NX PX` with a random owner token) that is renewed while held. The key lives
 * only `ttlMs` (a crashed holder frees it soon), and the holder extends it every `ttlMs / 3` until
 * it releases, so work slower than `ttlMs` (a WorkOS refresh with retries and `Retry-After`) never
 * loses the lock to another instance. Renewal and release act only on a key that still holds our
 * token. A failed renewal (Redis away) is retried at the next tick. Resolves to undefined when
 * the lock could not be had within `waitMs`.
 */
export async function acquireRedisLock(
  redis: AnyRedisClient,
  call: RedisCall,
  key: string,
  timing: RedisLockTiming,
): Promise<RefreshLock | undefined> {
  const token = randomUUID();
  const deadline = performance.now() + timing.waitMs;
  for (;;) {
    const taken = await call(() =>
      redis.set(key, token, {
        condition: 'NX',
        expiration: { type: 'PX', value: timing.ttlMs },
      }),
    );
    if (taken === 'OK') return heldLock(redis, call, key, token, timing);
    if (performance.now() >= deadline) return undefined;
    await sleep(20 + Math.random() * 20);
  }
}

function heldLock(
  redis: AnyRedisClient,
  call: RedisCall,
  key: string,
  token: string,
  timing: RedisLockTiming,
): RefreshLock {
  const renewUntil = performance.now() + timing.maxHoldMs;
  const renewal = setInterval(
    () => {
      if (performance.now() >= renewUntil) {
        clearInterval(renewal);
        return;
      }
      call(() =>
        redis.eval(RENEW_SCRIPT, { keys: [key], arguments: [token, String(timing.ttlMs)] }),
      ).then(
        (renewed) => {
          if (renewed === 0) clearInterval(renewal); // no longer ours: nothing left to renew
        },
        () => undefined, // Redis away: the next tick tries again
      );
    },
    Math.max(10, Math.floor(timing.ttlMs / 3)),
  );
  renewal.unref();
  return {
    release: async () => {
      clearInterval(renewal);
      try {
        await call(() => redis.eval(UNLOCK_SCRIPT, { keys: [key], arguments: [token] }));
      } catch {
        // Redis away: the lock expires by itself within ttlMs.
      }
    },
  };
}
