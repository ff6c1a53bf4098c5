import { createHash } from 'node:crypto';

import type { Request, RequestHandler, Response } from 'express';
import { MemoryStore, rateLimit, type Store } from 'express-rate-limit';
import type { Logger } from 'pino';
import { type RedisReply, RedisStore } from 'rate-limit-redis';

import type { BffConfig } from '../config/config.schema.js';
import { RedisSessionStore } from '../session/redis.store.js';
import type { BffSessionStore } from '../session/session-store.types.js';
import { sendError } from './errors.js';

/** Whether a session may start one more token refresh now. */
export type BudgetDecision =
  { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/** A per-key allowance of events per window (used for token refreshes per session). */
export interface Budget {
  /** Counts one event for `key` and says whether it was within the allowance. */
  take(key: string): Promise<BudgetDecision>;
}

/** The BFF's rate limits: Express middleware for the sign-in routes, a budget for refreshes. */
export interface RateLimits {
  /** `GET /auth/login`, per client IP. */
  readonly login: RequestHandler;
  /** `GET /auth/callback`, per client IP (before the transaction is consumed or the code exchanged). */
  readonly callback: RequestHandler;
  /** `POST /auth/sessions/revoke-all`, per client IP. */
  readonly revokeAll: RequestHandler;
  /** Token refreshes (WorkOS calls) per session. */
  readonly refresh: Budget;
  /** Stops the in-memory stores' timers. */
  close(): void;
}

/** Dependencies of {@link createRateLimits}. */
export interface RateLimitDeps {
  /** With a Redis session store, counters live in the same Redis (shared by every instance). */
  readonly store: BffSessionStore;
  readonly logger: Logger;
  /** Redis key prefix (default `gatehouse:`); counters go under `<prefix>rl:<name>:`. */
  readonly redisPrefix?: string;
}

/**
 * Rate limits on what makes the BFF call WorkOS or start a sign-in (security checklist 51), built
 * on express-rate-limit (fixed windows; `RateLimit`/`RateLimit-Policy` headers of the IETF draft 8
 * and `Retry-After` on a refusal) with its in-memory store, or rate-limit-redis on the session
 * store's Redis so that the limits hold across instances.
 *
 * - per client IP (`req.ip`, so `TRUST_PROXY_HOPS` decides which address counts; IPv6 by /56): the
 *   sign-in start, the callback and sign-out-everywhere, each its own counter. A refusal is 429
 *   JSON `{ error: "rate_limited", retryAfter }` before anything else runs: no login cookie, no
 *   transaction consumed, no code exchange, no session loaded;
 * - per session: token refreshes that would call WorkOS (a request joining another's refresh, or
 *   served from the successor cache, costs nothing), see `TokenRefresher`.
 *
 * A counter store that cannot be reached lets requests through (`passOnStoreError`): the routes
 * limited here then fail on the session store anyway (503) or need no store at all.
 */
export function createRateLimits(config: BffConfig, deps: RateLimitDeps): RateLimits {
  const { windowMs, signInPerIp, refreshPerSession } = config.rateLimits;
  const redis = deps.store instanceof RedisSessionStore ? deps.store : undefined;
  const prefix = deps.redisPrefix ?? config.session.redis.prefix;
  const memoryStores: MemoryStore[] = [];
  const storeFor = (name: string): Store => {
    if (redis) return redisCounters(redis, `${prefix}rl:${name}:`);
    const memory = new MemoryStore();
    memoryStores.push(memory);
    return memory;
  };
  const logger = {
    warn: (err: unknown) => deps.logger.warn({ event: 'rate_limit.warning', err }, 'rate limiter'),
    error: (err: unknown) => deps.logger.error({ event: 'rate_limit.error', err }, 'rate limiter'),
  };

  const perIp = (name: string): RequestHandler =>
    rateLimit({
      windowMs,
      limit: signInPerIp,
      identifier: name,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      store: storeFor(name),
      passOnStoreError: true,
      logger,
      handler: (req: Request, res: Response) => {
        const retryAfter = Number(res.getHeader('Retry-After')) || Math.ceil(windowMs / 1000);
        req.log.warn({ event: 'rate_limit.refused', limit: name }, 'rate limited');
        sendError(res, 429, 'rate_limited', { retryAfter });
      },
    });

  const refreshStore = storeFor('refresh');
  // express-rate-limit initialises the stores of its middleware; this one is used directly.
  void Promise.resolve(
    refreshStore.init?.({ windowMs } as Parameters<NonNullable<Store['init']>>[0]),
  ).catch((err: unknown) => logger.warn(err));

  return {
    login: perIp('login'),
    callback: perIp('callback'),
    revokeAll: perIp('revoke-all'),
    refresh: {
      take: async (key) => {
        const { totalHits, resetTime } = await refreshStore.increment(key);
        if (totalHits <= refreshPerSession) return { ok: true };
        const left = resetTime ? resetTime.getTime() - Date.now() : windowMs;
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)) };
      },
    },
    close: () => {
      for (const memory of memoryStores) memory.shutdown();
    },
  };
}

/** Counters in the session store's Redis, on its client with its deadline and error mapping. */
function redisCounters(redis: RedisSessionStore, prefix: string): Store {
  return new RedisStore({
    sendCommand: async (...args: string[]) => {
      try {
        return (await redis.sendCommand(args)) as RedisReply;
      } catch (err) {
        // A NOSCRIPT reply must reach rate-limit-redis as it is (it then loads the script);
        // the store wraps every failure in SessionStoreUnavailableError.
        const cause = (err as { cause?: unknown }).cause;
        if (cause instanceof Error && cause.message.startsWith('NOSCRIPT')) throw cause;
        // rate-limit-redis keeps the promise of its `SCRIPT LOAD` and awaits it on every
        // call: one load that failed (Redis away at boot) would fail every later call until a
        // restart. Redis answers a load with the SHA1 of the script, so that is answered here
        // instead; the first EVALSHA then gets NOSCRIPT and the store loads the script again.
        if (args[0] === 'SCRIPT' && args[1] === 'LOAD' && args[2] !== undefined) {
          return createHash('sha1').update(args[2]).digest('hex');
        }
        throw err;
      }
    },
    prefix,
  });
}
