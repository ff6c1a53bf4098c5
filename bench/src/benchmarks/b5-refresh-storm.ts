import { BENCH_USER_EMAIL, sleep, type Benchmark } from '../bench-context.js';
import type { BenchStack } from '../infra/bench-stack.js';
import { apiHeaders, signInThroughBff } from '../infra/bff-login.js';
import { redisUnavailableReason } from '../infra/redis-support.js';
import { startRedisServer, type RedisServer } from '../infra/redis-server.js';
import type { Figure } from '../report/figure.js';
import { median } from '../runner/rounds.js';

/** The BFF refreshes when the access token has less than this left (REFRESH_MARGIN_MS). */
const REFRESH_MARGIN_SECONDS = 60;
/**
 * Access-token lifetime for this benchmark: a few seconds above the margin, so a session enters the
 * refresh window a few seconds after sign-in while the refreshed token is well outside it (a
 * lifetime under 60 s would make every request after the storm refresh again).
 */
const ACCESS_TOKEN_TTL_SECONDS = REFRESH_MARGIN_SECONDS + 6;
/** `exp` has whole seconds: wait one more second, plus slack, after the last sign-in. */
const WAIT_INTO_WINDOW_MS = (ACCESS_TOKEN_TTL_SECONDS - REFRESH_MARGIN_SECONDS + 1.5) * 1000;

interface StormResult {
  readonly refreshes: number;
  readonly successes: number;
  readonly statuses: string;
}

async function storm(
  stack: BenchStack,
  bffUrls: readonly string[],
  cookie: string,
  requests: number,
): Promise<StormResult> {
  const before = await stack.emulator.refreshes();
  const statuses = await Promise.all(
    Array.from({ length: requests }, async (_, i) => {
      try {
        const response = await fetch(`${bffUrls[i % bffUrls.length]}/api/admin/me`, {
          headers: apiHeaders(cookie),
          signal: AbortSignal.timeout(30_000),
        });
        await response.body?.cancel();
        return response.status;
      } catch {
        return 0;
      }
    }),
  );
  const refreshes = (await stack.emulator.refreshes()) - before;
  if (refreshes === 0) {
    throw new Error('the storm caused no refresh: the access token was not in the refresh window');
  }
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return {
    refreshes,
    successes: counts.get(200) ?? 0,
    statuses: [...counts].map(([status, count]) => `${count}x ${status || 'error'}`).join(', '),
  };
}

function stormFigures(
  ids: [string, string],
  label: string,
  results: readonly StormResult[],
  requests: number,
): Figure[] {
  const refreshes = results.map((result) => result.refreshes);
  const successes = results.map((result) => result.successes);
  const perStorm = results.map(
    (result, i) => `storm ${i + 1}: ${result.refreshes} refresh(es), ${result.statuses}`,
  );
  return [
    {
      id: ids[0],
      label: `refreshes per storm of ${requests}, ${label}`,
      value: median(refreshes),
      unit: 'count',
      goal: { op: '<=', target: 1 },
      detail: `median of ${results.length} storms (max ${Math.max(...refreshes)}); ${perStorm.join('; ')}`,
    },
    {
      id: ids[1],
      label: `successful answers per storm of ${requests}, ${label}`,
      value: median(successes),
      unit: 'count',
      goal: { op: '>=', target: requests },
      detail: `median of ${results.length} storms (min ${Math.min(...successes)})`,
    },
  ];
}

function notMeasured(
  ids: [string, string],
  label: string,
  requests: number,
  reason: string,
): Figure[] {
  return [
    {
      id: ids[0],
      label: `refreshes per storm of ${requests}, ${label}`,
      value: undefined,
      unit: 'count',
      goal: { op: '<=', target: 1 },
      detail: reason,
      notMeasured: reason,
    },
    {
      id: ids[1],
      label: `successful answers per storm of ${requests}, ${label}`,
      value: undefined,
      unit: 'count',
      goal: { op: '>=', target: requests },
      detail: reason,
      notMeasured: reason,
    },
  ];
}

/** B5: many concurrent requests of one session that needs a refresh. */
export const refreshStorm: Benchmark = {
  id: 'B5',
  title: 'refresh storm',
  method:
    `B5 runs an emulator minting ${ACCESS_TOKEN_TTL_SECONDS} s access tokens, so that a few seconds ` +
    "after sign-in the token is inside the BFF's 60 s refresh-ahead window (the same code path as an " +
    'expired token: `needsRefresh`), while a refreshed token is outside it. Sessions are created ' +
    'through the real sign-in flow, then each storm fires its concurrent `GET /api/admin/me` at once ' +
    "on one session; the emulator's `refresh_token` grant counter gives the refreshes, the 200 " +
    'answers the successes. One storm per round, on a fresh session each, median over the rounds. ' +
    'The Redis half runs two BFF instances on one `redis-server` (started on a free port, no ' +
    'persistence), the storm alternating between them.',
  async run(context) {
    const { settings } = context;
    const requests = settings.stormRequests;
    const stack = await context.startStack('b5', {
      accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
    });
    let redis: RedisServer | undefined;
    try {
      const single = await stack.startBff({ store: 'sqlite' });
      const redisReason = redisUnavailableReason();
      let pair: string[] | undefined;
      if (redisReason === undefined) {
        redis = await startRedisServer();
        const first = await stack.startBff({ store: 'redis', redisUrl: redis.url });
        const second = await stack.startBff({ store: 'redis', redisUrl: redis.url });
        pair = [first.url, second.url];
      }
      const singleCookies: string[] = [];
      const pairCookies: string[] = [];
      for (let round = 0; round < settings.rounds; round += 1) {
        singleCookies.push(await signInThroughBff(single.url, BENCH_USER_EMAIL));
        if (pair) pairCookies.push(await signInThroughBff(pair[0] as string, BENCH_USER_EMAIL));
      }
      await sleep(WAIT_INTO_WINDOW_MS);
      const singleResults: StormResult[] = [];
      const pairResults: StormResult[] = [];
      for (let round = 0; round < settings.rounds; round += 1) {
        singleResults.push(
          await storm(stack, [single.url], singleCookies[round] as string, requests),
        );
        if (pair)
          pairResults.push(await storm(stack, pair, pairCookies[round] as string, requests));
      }
      return [
        ...stormFigures(['B5a', 'B5b'], 'one BFF (SQLite)', singleResults, requests),
        ...(pair
          ? stormFigures(['B5c', 'B5d'], 'two BFFs on Redis', pairResults, requests)
          : notMeasured(['B5c', 'B5d'], 'two BFFs on Redis', requests, redisReason ?? 'unknown')),
      ];
    } finally {
      await stack.stop();
      await redis?.stop();
    }
  },
};
