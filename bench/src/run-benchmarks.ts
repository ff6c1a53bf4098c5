import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createContext, type Benchmark } from './bench-context.js';
import type { BenchSettings } from './bench-settings.js';
import { guardOverhead } from './benchmarks/b1-guard-overhead.js';
import { verifyPath } from './benchmarks/b2-verify-path.js';
import { jwks } from './benchmarks/b3-jwks.js';
import { bffProxy } from './benchmarks/b4-bff-proxy.js';
import { refreshStorm } from './benchmarks/b5-refresh-storm.js';
import { memory } from './benchmarks/b6-memory.js';
import { auditFlood } from './benchmarks/b7-audit-flood.js';
import { auditQueries } from './benchmarks/b8-audit-queries.js';
import { ServiceLogs } from './infra/service-logs.js';
import type { Figure } from './report/figure.js';
import { describeMachine } from './report/machine.js';
import type { BenchReport } from './report/render.js';

/** Every benchmark, in report order. */
export const BENCHMARKS: readonly Benchmark[] = [
  guardOverhead,
  verifyPath,
  jwks,
  bffProxy,
  refreshStorm,
  memory,
  auditFlood,
  auditQueries,
];

/** Options of {@link runBenchmarks}. */
export interface RunOptions {
  readonly rootDir: string;
  readonly settings: BenchSettings;
  readonly progress?: (message: string) => void;
  /** Print every service log line. */
  readonly verbose?: boolean;
  /** Ids of the benchmarks to run (e.g. `['B6']`); default: all, in report order. */
  readonly only?: readonly string[];
}

/** Raised when `only` names a benchmark that does not exist. */
export class UnknownBenchmarkError extends Error {
  readonly code = 'unknown_benchmark';
}

/** The benchmarks `only` names, in report order; all of them without `only`. */
export function selectBenchmarks(only?: readonly string[]): readonly Benchmark[] {
  if (only === undefined) return BENCHMARKS;
  const unknown = only.filter((id) => !BENCHMARKS.some((benchmark) => benchmark.id === id));
  if (unknown.length > 0) throw new UnknownBenchmarkError(`no benchmark ${unknown.join(', ')}`);
  return BENCHMARKS.filter((benchmark) => only.includes(benchmark.id));
}

/** Raised when a production build the benchmark runs is missing. */
export class MissingBuildError extends Error {
  readonly code = 'missing_build';
}

function assertBuilt(rootDir: string): void {
  for (const name of ['workos-emulator', 'backend', 'bff']) {
    const main = join(rootDir, name, 'dist', 'main.js');
    if (!existsSync(main)) {
      throw new MissingBuildError(`${main} is missing: run \`npm run build\` in ${name}/ first`);
    }
  }
}

async function runOne(
  benchmark: Benchmark,
  run: () => Promise<Figure[]>,
  progress: (m: string) => void,
) {
  const start = performance.now();
  progress(`${benchmark.id} ${benchmark.title}: running`);
  const figures = await run();
  progress(
    `${benchmark.id} ${benchmark.title}: done in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  return figures;
}

/**
 * Runs the benchmarks (all, or those `only` names) and returns the report. In a full run they run one after another
 * so none disturbs another's numbers. A smoke run judges nothing and runs them all at once: B3's
 * key rotation alone waits out the backend's 30 s JWKS cooldown.
 */
export async function runBenchmarks(options: RunOptions): Promise<BenchReport> {
  const selected = selectBenchmarks(options.only);
  assertBuilt(options.rootDir);
  const progress = options.progress ?? (() => undefined);
  const startedAt = new Date();
  const start = performance.now();
  const workDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-'));
  const context = createContext({
    settings: options.settings,
    rootDir: options.rootDir,
    workDir,
    logs: new ServiceLogs(options.verbose),
    progress,
  });
  try {
    const results = new Map<string, Figure[]>();
    const execute = async (benchmark: Benchmark) =>
      results.set(benchmark.id, await runOne(benchmark, () => benchmark.run(context), progress));
    if (options.settings.smoke) {
      // Each benchmark has its own stack, so they can run side by side; B3 alone waits ~30 s.
      await Promise.all(selected.map(execute));
    } else {
      for (const benchmark of selected) await execute(benchmark);
    }
    const { settings } = options;
    return {
      startedAt,
      durationSeconds: (performance.now() - start) / 1000,
      machine: describeMachine(),
      smoke: settings.smoke,
      settings: [
        ...(options.only
          ? [
              `Benchmarks run: ${selected.map((benchmark) => benchmark.id).join(', ')} only (\`--only\`)`,
            ]
          : []),
        `Rounds per load comparison (B1, B4, B5 storms): ${settings.rounds} (interleaved, order alternating A B / B A, one warm-up run each)`,
        `Load runs: ${settings.loadSeconds} s each with autocannon; ${settings.guardConnections} connections in B1, ${settings.proxyConnections} in B4`,
        `B2: ${settings.verifyRounds} rounds of ${settings.verifyIterations} verifications per contender; B3: ${settings.jwksGuardedRequests} guarded requests, ${settings.jwksFloodTokens} forged kids; B5: ${settings.stormRequests} requests per storm; B6 per store: ${settings.memoryWarmupSessions} warm-up sign-ins (logged out again), then ${settings.memorySessions} kept sessions with ${settings.memoryReadings} readings, ${settings.signInConcurrency} sign-ins in flight`,
        'Services: production builds (`dist/main.js`) as child processes on 127.0.0.1, LOG_LEVEL=warn, NODE_ENV=development (the BFF refuses an http PUBLIC_URL in production); the load generator runs in the benchmark process',
      ],
      figures: selected.flatMap((benchmark) => results.get(benchmark.id) ?? []),
      method: selected.map((benchmark) => benchmark.method),
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
