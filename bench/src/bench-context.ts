import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { BenchSettings } from './bench-settings.js';
import { startBenchStack, type BenchStack } from './infra/bench-stack.js';
import type { ServiceLogs } from './infra/service-logs.js';
import type { Figure } from './report/figure.js';

/** What every benchmark gets. */
export interface BenchContext {
  readonly settings: BenchSettings;
  readonly rootDir: string;
  readonly logs: ServiceLogs;
  /** Progress lines for the terminal. */
  readonly progress: (message: string) => void;
  /**
   * Starts a fresh emulator + backend (own data folder) for one benchmark; `auditDataDir` turns
   * the backend's audit trail on (PGlite in that directory).
   */
  startStack(
    name: string,
    options?: { accessTokenTtlSeconds?: number; backend?: boolean; auditDataDir?: string },
  ): Promise<BenchStack>;
}

/** One benchmark: its figures, and how it measures them (for the report). */
export interface Benchmark {
  readonly id: string;
  readonly title: string;
  readonly method: string;
  run(context: BenchContext): Promise<Figure[]>;
}

/** The email of the seeded user every benchmark signs in as (Ada Admin). */
export const BENCH_USER_EMAIL = 'ada@example.com';

/** Builds the context; every stack gets a folder under `workDir`. */
export function createContext(input: {
  settings: BenchSettings;
  rootDir: string;
  workDir: string;
  logs: ServiceLogs;
  progress: (message: string) => void;
}): BenchContext {
  return {
    ...input,
    startStack: (name, options = {}) => {
      const workDir = join(input.workDir, name);
      mkdirSync(workDir, { recursive: true });
      return startBenchStack({
        rootDir: input.rootDir,
        workDir,
        name,
        log: input.logs.sink,
        ...options,
      });
    },
  };
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
