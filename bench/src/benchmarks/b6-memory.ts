import { BENCH_USER_EMAIL, sleep, type Benchmark } from '../bench-context.js';
import type { BenchStack, StoreKind } from '../infra/bench-stack.js';
import { signInThroughBff } from '../infra/bff-login.js';
import { redisUnavailableReason } from '../infra/redis-support.js';
import { startRedisServer, type RedisServer } from '../infra/redis-server.js';
import { residentKiB } from '../infra/rss.js';
import type { Figure } from '../report/figure.js';
import { median } from '../runner/rounds.js';

/** A store "does not grow with sessions" when it grows less than this share of the in-memory store. */
const MAX_SHARE_OF_MEMORY_STORE = 0.1;

interface Growth {
  readonly store: StoreKind;
  readonly beforeKiB: number;
  readonly afterKiB: number;
  /** KiB per session between the two samples. */
  readonly perSessionKiB: number;
  readonly sessionsPerSecond: number;
}

async function createSessions(bffUrl: string, count: number, concurrency: number): Promise<number> {
  const start = performance.now();
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started += 1;
      await signInThroughBff(bffUrl, BENCH_USER_EMAIL);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return count / ((performance.now() - start) / 1000);
}

/** RSS after the process had a moment to settle: median of three samples. */
async function settledKiB(pid: number): Promise<number> {
  await sleep(1_000);
  const samples: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    samples.push(await residentKiB(pid));
    await sleep(250);
  }
  return median(samples);
}

async function measure(
  stack: BenchStack,
  store: StoreKind,
  sessions: number,
  concurrency: number,
  redisUrl?: string,
): Promise<Growth> {
  const bff = await stack.startBff({ store, ...(redisUrl ? { redisUrl } : {}) });
  try {
    const pid = bff.process.pid;
    if (pid === undefined) throw new Error('the BFF has no process id');
    // Warm-up with as many sessions: JIT, heap and SQLite page cache reach their working size, so
    // the second batch shows what each further session costs.
    await createSessions(bff.url, sessions, concurrency);
    const beforeKiB = await settledKiB(pid);
    const sessionsPerSecond = await createSessions(bff.url, sessions, concurrency);
    const afterKiB = await settledKiB(pid);
    return {
      store,
      beforeKiB,
      afterKiB,
      perSessionKiB: (afterKiB - beforeKiB) / sessions,
      sessionsPerSecond,
    };
  } finally {
    await bff.process.stop();
  }
}

const describe = (growth: Growth) =>
  `${growth.store}: RSS ${(growth.beforeKiB / 1024).toFixed(1)} MiB before, ` +
  `${(growth.afterKiB / 1024).toFixed(1)} MiB after (${growth.perSessionKiB.toFixed(2)} KB per session; ` +
  `${growth.sessionsPerSecond.toFixed(0)} sign-ins/s)`;

function storeFigure(id: string, growth: Growth, reference: Growth, sessions: number): Figure {
  const label = `${growth.store} store RSS growth per session / in-memory store's`;
  const goal = { op: '<=' as const, target: MAX_SHARE_OF_MEMORY_STORE };
  if (reference.perSessionKiB <= 0) {
    const reason = `the in-memory reference did not grow over ${sessions} sessions (RSS noise)`;
    return {
      id,
      label,
      value: undefined,
      unit: 'x',
      goal,
      detail: `${describe(growth)}; ${describe(reference)}`,
      notMeasured: reason,
    };
  }
  return {
    id,
    label,
    value: growth.perSessionKiB / reference.perSessionKiB,
    unit: 'x',
    goal,
    detail: `${describe(growth)}; reference ${describe(reference)}`,
  };
}

/** B6: does BFF memory grow with the number of sessions? */
export const memory: Benchmark = {
  id: 'B6',
  title: 'BFF memory per session',
  method:
    'B6 starts one BFF child process per store and creates real BFF sessions through the sign-in ' +
    'flow (`/auth/login` → emulator page → `/auth/callback`, several in flight). It creates N warm-up ' +
    'sessions, reads VmRSS from `/proc/<pid>/status` (median of three samples after 1 s), creates N ' +
    'more sessions and reads it again; growth per session = difference / N. The in-memory store, ' +
    'which keeps every session in the heap, is the reference that shows what proportional growth ' +
    'looks like in the same run; a store passes when it grows by at most 10 % of that per session. ' +
    "A full run uses N = 2,000 (not the issue's 10,000) to keep `npm run bench` near five minutes " +
    'on two cores; the stores run one after another, not interleaved.',
  async run(context) {
    const { settings } = context;
    const n = settings.memorySessions;
    const c = settings.signInConcurrency;
    const stack = await context.startStack('b6');
    let redis: RedisServer | undefined;
    try {
      const reference = await measure(stack, 'memory', n, c);
      const sqlite = await measure(stack, 'sqlite', n, c);
      const redisReason = redisUnavailableReason();
      let redisGrowth: Growth | undefined;
      if (redisReason === undefined) {
        redis = await startRedisServer();
        redisGrowth = await measure(stack, 'redis', n, c, redis.url);
      }
      return [
        {
          id: 'B6a',
          label: 'in-memory store RSS growth per session (reference)',
          value: reference.perSessionKiB,
          unit: 'KB',
          detail: `${describe(reference)}, ${n} sessions after ${n} warm-up sessions`,
        },
        storeFigure('B6b', sqlite, reference, n),
        redisGrowth
          ? storeFigure('B6c', redisGrowth, reference, n)
          : {
              id: 'B6c',
              label: "redis store RSS growth per session / in-memory store's",
              value: undefined,
              unit: 'x',
              goal: { op: '<=', target: MAX_SHARE_OF_MEMORY_STORE },
              detail: redisReason ?? 'unknown',
              notMeasured: redisReason ?? 'unknown',
            },
      ];
    } finally {
      await stack.stop();
      await redis?.stop();
    }
  },
};
