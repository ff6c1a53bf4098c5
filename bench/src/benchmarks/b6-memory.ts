import { BENCH_USER_EMAIL, sleep, type Benchmark } from '../bench-context.js';
import type { BenchStack, StoreKind } from '../infra/bench-stack.js';
import { signInThroughBff, signOutOfBff } from '../infra/bff-login.js';
import { redisUnavailableReason } from '../infra/redis-support.js';
import { startRedisServer, type RedisServer } from '../infra/redis-server.js';
import { residentKiB } from '../infra/rss.js';
import type { Figure } from '../report/figure.js';
import { median } from '../runner/rounds.js';

/** A store "does not grow with sessions" when it grows less than this share of the in-memory store. */
const MAX_SHARE_OF_MEMORY_STORE = 0.1;

interface Growth {
  readonly store: StoreKind;
  /** RSS after the warm-up, after the batch of kept sessions, after the sign-in + logout batch. */
  readonly warmKiB: number;
  readonly liveKiB: number;
  readonly controlKiB: number;
  /** KiB per sign-in while sessions were kept. */
  readonly livePerSignIn: number;
  /** KiB per sign-in while every session was logged out again (no live session added). */
  readonly controlPerSignIn: number;
  /** What one more live session costs: the difference of the two. */
  readonly perSessionKiB: number;
  readonly sessionsPerSecond: number;
}

interface Sizes {
  readonly warmup: number;
  readonly sessions: number;
  readonly concurrency: number;
}

async function signIns(
  bffUrl: string,
  count: number,
  concurrency: number,
  logout: boolean,
): Promise<number> {
  const start = performance.now();
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started += 1;
      const cookie = await signInThroughBff(bffUrl, BENCH_USER_EMAIL);
      if (logout) await signOutOfBff(bffUrl, cookie);
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
  { warmup, sessions, concurrency }: Sizes,
  redisUrl?: string,
): Promise<Growth> {
  const bff = await stack.startBff({ store, ...(redisUrl ? { redisUrl } : {}) });
  try {
    const pid = bff.process.pid;
    if (pid === undefined) throw new Error('the BFF has no process id');
    // Warm-up: JIT, V8 heap and SQLite page cache grow to their working size first, so the later
    // batches show what each further sign-in costs rather than the heap settling.
    await signIns(bff.url, warmup, concurrency, false);
    const warmKiB = await settledKiB(pid);
    const sessionsPerSecond = await signIns(bff.url, sessions, concurrency, false);
    const liveKiB = await settledKiB(pid);
    // The control: the same work, but no session stays. What a sign-in leaves behind anyway
    // (garbage not yet collected, bounded replay memories, heap still growing) shows up here too.
    await signIns(bff.url, sessions, concurrency, true);
    const controlKiB = await settledKiB(pid);
    const livePerSignIn = (liveKiB - warmKiB) / sessions;
    const controlPerSignIn = (controlKiB - liveKiB) / sessions;
    return {
      store,
      warmKiB,
      liveKiB,
      controlKiB,
      livePerSignIn,
      controlPerSignIn,
      perSessionKiB: livePerSignIn - controlPerSignIn,
      sessionsPerSecond,
    };
  } finally {
    await bff.process.stop();
  }
}

const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

const describe = (growth: Growth) =>
  `${growth.store}: RSS ${mib(growth.warmKiB)} after warm-up, ${mib(growth.liveKiB)} after the kept ` +
  `sessions (${growth.livePerSignIn.toFixed(2)} KB per sign-in), ${mib(growth.controlKiB)} after the ` +
  `sign-in + logout batch (${growth.controlPerSignIn.toFixed(2)} KB per sign-in); ` +
  `${growth.sessionsPerSecond.toFixed(0)} sign-ins/s`;

/**
 * A store's growth per live session, judged against a tenth of the in-memory store's growth in the
 * same run (the value stays a plain KB figure, finite even when the reference grew by nothing).
 */
function storeFigure(id: string, growth: Growth, reference: Growth): Figure {
  const target = Math.max(0, reference.perSessionKiB * MAX_SHARE_OF_MEMORY_STORE);
  const share =
    reference.perSessionKiB > 0
      ? `${Math.round((growth.perSessionKiB / reference.perSessionKiB) * 100)} % of the in-memory store's`
      : 'the in-memory reference grew by nothing measurable (RSS noise)';
  return {
    id,
    label: `${growth.store} store RSS growth per live session (goal: 10 % of the in-memory store's)`,
    value: growth.perSessionKiB,
    unit: 'KB',
    goal: { op: '<=', target },
    detail: `${share}; ${describe(growth)}; reference ${describe(reference)}`,
  };
}

/** B6: does BFF memory grow with the number of sessions? */
export const memory: Benchmark = {
  id: 'B6',
  title: 'BFF memory per session',
  method:
    'B6 starts one BFF child process per store and creates real BFF sessions through the sign-in ' +
    'flow (`/auth/login` → emulator page → `/auth/callback`, several in flight). It first signs in ' +
    'W times (a probe showed the RSS of a fresh BFF rising from about 100 to 310 MiB over the first ' +
    '2,000 sign-ins whatever the store, as the V8 heap grows to its working size, then flattening), ' +
    'then reads VmRSS from `/proc/<pid>/status` (median of three samples after 1 s) around two ' +
    'batches of N sign-ins in the same process: first keeping every session, then logging each one ' +
    'out again (`POST /auth/logout`). The second batch is the control: it does the same work but ' +
    'adds no live session, so what a sign-in leaves behind anyway (uncollected garbage, bounded ' +
    'replay memories, a heap still growing) cancels out. Growth per live session = (kept batch − ' +
    'control batch) / N. The in-memory store, which keeps every session in the heap, is the ' +
    'reference that shows what proportional growth looks like in the same run; a store passes when ' +
    'it grows by at most 10 % of that per live session. The control runs after the kept batch, ' +
    'while the heap may still be settling, which can only make a store look worse. A full run uses ' +
    "W = N = 3,000 (6,000 live sessions at the end, not the issue's 10,000) to keep `npm run bench` " +
    'near five minutes on two cores; the stores run one after another.',
  async run(context) {
    const { settings } = context;
    const n = settings.memorySessions;
    const sizes = {
      warmup: settings.memoryWarmupSessions,
      sessions: n,
      concurrency: settings.signInConcurrency,
    };
    const stack = await context.startStack('b6');
    let redis: RedisServer | undefined;
    try {
      const reference = await measure(stack, 'memory', sizes);
      const sqlite = await measure(stack, 'sqlite', sizes);
      const redisReason = redisUnavailableReason();
      let redisGrowth: Growth | undefined;
      if (redisReason === undefined) {
        redis = await startRedisServer();
        redisGrowth = await measure(stack, 'redis', sizes, redis.url);
      }
      return [
        {
          id: 'B6a',
          label: 'in-memory store RSS growth per live session (reference)',
          value: reference.perSessionKiB,
          unit: 'KB',
          detail: `${describe(reference)}; N = ${n} after W = ${settings.memoryWarmupSessions}`,
        },
        storeFigure('B6b', sqlite, reference),
        redisGrowth
          ? storeFigure('B6c', redisGrowth, reference)
          : {
              id: 'B6c',
              label:
                "redis store RSS growth per live session (goal: 10 % of the in-memory store's)",
              value: undefined,
              unit: 'KB',
              goal: { op: '<=', target: reference.perSessionKiB * MAX_SHARE_OF_MEMORY_STORE },
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
