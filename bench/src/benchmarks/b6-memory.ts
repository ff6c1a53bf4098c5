import { BENCH_USER_EMAIL, type Benchmark } from '../bench-context.js';
import type { BenchSettings } from '../bench-settings.js';
import type { BenchStack, StoreKind } from '../infra/bench-stack.js';
import { InspectorSession } from '../infra/inspector.js';
import { readMemoryAfterGc, type MemoryReading } from '../infra/memory-probe.js';
import { redisUnavailableReason } from '../infra/redis-support.js';
import { startRedisServer, type RedisServer } from '../infra/redis-server.js';
import { signInBatch } from '../infra/sign-in-batch.js';
import type { Figure } from '../report/figure.js';
import { linearFit, type LinearFit } from '../runner/linear-fit.js';

/** A store "does not grow with sessions" when it grows by at most this share of the in-memory store. */
const MAX_SHARE_OF_MEMORY_STORE = 0.1;
/** The in-memory reference must grow in proportion to sessions for the comparison to mean anything. */
const MIN_REFERENCE_R2 = 0.9;

/**
 * V8 drops the bytecode of functions that have not run for a few major GCs and compiles it again
 * when they do: with a forced GC before every reading, the readings then swing by about a MiB with
 * whichever code happened to be idle. Keeping bytecode makes the code's memory a constant.
 */
const NO_BYTECODE_FLUSHING = '--no-flush-bytecode';

/** Which memory a figure is about. */
type Measure = 'rss' | 'heap';

/** What one store's BFF did while its sessions were created. */
interface StoreRun {
  readonly store: StoreKind;
  /** Live sessions at each reading of the kept batch: 0 first, the batch size last. */
  readonly sessions: readonly number[];
  readonly readings: readonly MemoryReading[];
  /** Sign-ins per second while the kept sessions were created (readings excluded). */
  readonly signInsPerSecond: number;
}

const valueOf = (reading: MemoryReading, measure: Measure) =>
  measure === 'rss' ? reading.rssKiB : reading.heapUsedKiB + reading.externalKiB;

/**
 * Which readings a slope is fitted to: `all` of them, or the `late` ones, taken at half the kept
 * sessions or more. Memory that grows in proportion to sessions grows as fast late as early;
 * bounded memory (caches that fill up, see the method) stops growing, so only the late slope tells
 * the two apart. The judged figures are late slopes; the detail gives both.
 */
type Span = 'all' | 'late';

function fitOf(run: StoreRun, measure: Measure, span: Span): LinearFit {
  const half = (run.sessions.at(-1) ?? 0) / 2;
  const points = run.sessions
    .map((sessions, i) => ({ sessions, reading: run.readings[i] as MemoryReading }))
    .filter(({ sessions }) => span === 'all' || sessions >= half);
  return linearFit(
    points.map(({ sessions }) => sessions),
    points.map(({ reading }) => valueOf(reading, measure)),
  );
}

/** Splits `total` into `parts` batch sizes that differ by at most one. */
function batchSizes(total: number, parts: number): number[] {
  return Array.from(
    { length: parts },
    (_, i) => Math.round((total * (i + 1)) / parts) - Math.round((total * i) / parts),
  );
}

async function measureStore(
  stack: BenchStack,
  store: StoreKind,
  settings: BenchSettings,
  progress: (message: string) => void,
  redisUrl?: string,
): Promise<StoreRun> {
  const bff = await stack.startBff({
    store,
    inspect: true,
    nodeArgs: [NO_BYTECODE_FLUSHING],
    ...(redisUrl ? { redisUrl } : {}),
  });
  const pid = bff.process.pid;
  if (pid === undefined || bff.inspectorUrl === undefined) {
    await bff.process.stop();
    throw new Error('the B6 BFF has no process id or inspector');
  }
  const inspector = await InspectorSession.connect(bff.inspectorUrl);
  try {
    const batch = (count: number, logout: boolean) =>
      signInBatch({
        bffUrl: bff.url,
        email: BENCH_USER_EMAIL,
        count,
        concurrency: settings.signInConcurrency,
        logout,
      });
    const read = () => readMemoryAfterGc(inspector, pid);
    // Warm-up: JIT-compiled code, connection pools and V8's own tables reach their working size.
    // Every session is logged out again, so the baseline has no live session.
    await batch(settings.memoryWarmupSessions, true);
    const sessions = [0];
    const readings = [await read()];
    let seconds = 0;
    for (const size of batchSizes(settings.memorySessions, settings.memoryReadings)) {
      const perSecond = await batch(size, false);
      seconds += size / perSecond;
      sessions.push((sessions.at(-1) ?? 0) + size);
      readings.push(await read());
    }
    const signInsPerSecond = settings.memorySessions / seconds;
    progress(
      `B6 ${store}: ${settings.memorySessions} sessions at ${signInsPerSecond.toFixed(0)}/s`,
    );
    return {
      store,
      sessions,
      readings,
      signInsPerSecond,
    };
  } finally {
    await inspector.close();
    await bff.process.stop();
  }
}

const MEASURE_NAME: Record<Measure, string> = {
  rss: 'RSS',
  heap: 'heap + external',
};

/** The id of the reference figure of each measure, for the labels. */
const REFERENCE_ID: Record<Measure, string> = { rss: 'B6a', heap: 'B6d' };

const mib = (kib: number) => (kib / 1024).toFixed(1);
const r2Text = (fit: LinearFit) => (Number.isNaN(fit.r2) ? 'n/a' : fit.r2.toFixed(2));

/** `proportional` when the reference grew steadily with sessions; otherwise why not. */
function referenceProblem(fit: LinearFit): string | undefined {
  if (fit.slope > 0 && fit.r2 >= MIN_REFERENCE_R2) return undefined;
  return (
    `the in-memory reference did not grow in proportion to sessions ` +
    `(slope ${fit.slope.toFixed(2)} KiB, r² ${r2Text(fit)}), so this comparison is not valid`
  );
}

function describeRun(run: StoreRun, measure: Measure): string {
  const values = run.readings.map((reading) => valueOf(reading, measure));
  const late = fitOf(run, measure, 'late');
  const all = fitOf(run, measure, 'all');
  const kept = run.sessions.at(-1) ?? 0;
  const first = values[0] ?? 0;
  const last = values.at(-1) ?? 0;
  return (
    `${run.store}: ${MEASURE_NAME[measure]} ${mib(first)} MiB before, ${mib(last)} MiB after ` +
    `${kept} kept sessions (${((last - first) / kept).toFixed(2)} KiB per session; readings every ` +
    `${run.sessions[1] ?? 0}: ${values.map(mib).join(', ')} MiB); slope ` +
    `${late.slope.toFixed(2)} KiB per session from ${kept / 2} to ${kept} (r² ${r2Text(late)}), ` +
    `${all.slope.toFixed(2)} over all readings (r² ${r2Text(all)}); ` +
    `${run.signInsPerSecond.toFixed(0)} sign-ins/s`
  );
}

function referenceFigure(id: string, run: StoreRun, measure: Measure): Figure {
  const problem = referenceProblem(fitOf(run, measure, 'late'));
  return {
    id,
    label: `in-memory store ${MEASURE_NAME[measure]} growth per session (reference)`,
    value: fitOf(run, measure, 'late').slope,
    unit: 'KiB',
    detail: `${problem ? `${problem}; ` : ''}${describeRun(run, measure)}`,
  };
}

const storeLabel = (store: StoreKind, measure: Measure) =>
  `${store} store ${MEASURE_NAME[measure]} growth per session (goal: at most 10 % of ${REFERENCE_ID[measure]})`;

const goalOf = (reference: StoreRun, measure: Measure) => ({
  op: '<=' as const,
  target: Math.max(0, fitOf(reference, measure, 'late').slope * MAX_SHARE_OF_MEMORY_STORE),
});

/** A store's growth per session, judged against a tenth of the in-memory store's in the same run. */
function storeFigure(id: string, run: StoreRun, reference: StoreRun, measure: Measure): Figure {
  const fit = fitOf(run, measure, 'late');
  const referenceFit = fitOf(reference, measure, 'late');
  const problem = referenceProblem(referenceFit);
  const share = problem
    ? problem
    : `${Math.round((fit.slope / referenceFit.slope) * 100)} % of the in-memory store's ` +
      `${referenceFit.slope.toFixed(2)} KiB`;
  return {
    id,
    label: storeLabel(run.store, measure),
    value: fit.slope,
    unit: 'KiB',
    goal: goalOf(reference, measure),
    detail: `${share}; ${describeRun(run, measure)}`,
  };
}

function redisNotMeasured(id: string, reference: StoreRun, measure: Measure, reason: string) {
  return {
    id,
    label: storeLabel('redis', measure),
    value: undefined,
    unit: 'KiB',
    goal: goalOf(reference, measure),
    detail: reason,
    notMeasured: reason,
  } satisfies Figure;
}

/** B6: does BFF memory grow with the number of sessions? */
export const memory: Benchmark = {
  id: 'B6',
  title: 'BFF memory per session',
  method:
    'B6 starts one BFF child process per store (one after another) with `--inspect=127.0.0.1:0`, ' +
    'so the benchmark can reach its inspector over WebSocket, and `--no-flush-bytecode` (see ' +
    'below); both only in the benchmark. It creates real BFF sessions through the sign-in flow ' +
    '(`/auth/login` → emulator page → `/auth/callback`, several in flight). Every reading first ' +
    'runs two full garbage collections in the BFF (`HeapProfiler.collectGarbage`) and waits 300 ms, ' +
    'then reads VmRSS from `/proc/<pid>/status` (the resident memory the issue asks about) and ' +
    '`process.memoryUsage()` through `Runtime.evaluate` (heapUsed + external: live JavaScript ' +
    'objects and the Buffers they hold, the precise figure). Without the collections a reading ' +
    'mostly measures how much garbage is waiting for the next GC, which drowned the per-session ' +
    'cost in an earlier design; with them, V8 flushing the bytecode of functions idle for a few ' +
    'GCs moved readings by about a MiB, hence `--no-flush-bytecode`. Per store: a warm-up of ' +
    'sign-ins that are logged out again, a baseline reading (no live session), then the kept ' +
    "sessions (the issue's 10,000 in a full run) in equal batches with a reading after each. " +
    'Bounded memory fills while the first sessions are created and then stops growing: the BFF ' +
    'caches derived session keys (LRU of 4,096) and opened token pairs (LRU of 1,024), SQLite ' +
    "keeps a page cache of up to 2 MiB, V8 doubles a growing Map's table. Memory held per session " +
    'keeps growing at the same rate. So a figure is the least-squares slope of the readings taken ' +
    'from half the kept sessions on (5,000 to 10,000 in a full run), in KiB per session; the ' +
    'detail also gives the memory before and after, every reading, and the slope over all ' +
    'readings. Nothing is subtracted: what a sign-in leaves behind whatever the store counts too ' +
    '(the BFF remembers consumed login `state`s for 10 minutes, at most 100,000, against replays: ' +
    'about 0.1 KiB per sign-in). The in-memory store, which holds every session in the heap, is ' +
    'the reference and must grow in proportion (slope > 0, r² ≥ 0.9) or the comparison is marked ' +
    'not valid; the SQLite and Redis stores meet the goal when their slope is at most 10 % of the ' +
    "reference's in the same run, for RSS and for heap + external separately.",
  async run(context) {
    const { settings, progress } = context;
    const stack = await context.startStack('b6');
    let redis: RedisServer | undefined;
    try {
      const reference = await measureStore(stack, 'memory', settings, progress);
      const sqlite = await measureStore(stack, 'sqlite', settings, progress);
      const redisReason = redisUnavailableReason();
      let redisRun: StoreRun | undefined;
      if (redisReason === undefined) {
        redis = await startRedisServer();
        redisRun = await measureStore(stack, 'redis', settings, progress, redis.url);
      }
      const measures: [Measure, [string, string, string]][] = [
        ['rss', [REFERENCE_ID.rss, 'B6b', 'B6c']],
        ['heap', [REFERENCE_ID.heap, 'B6e', 'B6f']],
      ];
      return measures.flatMap(([measure, [refId, sqliteId, redisId]]) => [
        referenceFigure(refId, reference, measure),
        storeFigure(sqliteId, sqlite, reference, measure),
        redisRun
          ? storeFigure(redisId, redisRun, reference, measure)
          : redisNotMeasured(redisId, reference, measure, redisReason ?? 'unknown'),
      ]);
    } finally {
      await stack.stop();
      await redis?.stop();
    }
  },
};
