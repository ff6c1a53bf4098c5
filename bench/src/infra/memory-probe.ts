import { setTimeout as sleep } from 'node:timers/promises';

import type { InspectorSession } from './inspector.js';
import { residentKiB } from './rss.js';

/** One memory reading of a process, taken right after full garbage collections. */
export interface MemoryReading {
  /** VmRSS from `/proc/<pid>/status`: what the operating system charges the process. */
  readonly rssKiB: number;
  /** `process.memoryUsage().heapUsed`: live JavaScript objects after the collections. */
  readonly heapUsedKiB: number;
  /** `process.memoryUsage().external`: memory of C++ objects bound to JavaScript ones (Buffers…). */
  readonly externalKiB: number;
}

/** Full collections before a reading: a second one frees what the first one's finalizers released. */
const COLLECTIONS = 2;
/** After the collections, V8's concurrent sweeper frees pages; give it a moment before RSS is read. */
const SETTLE_MS = 300;

interface MemoryUsage {
  heapUsed: number;
  external: number;
}

/**
 * Reads the memory of a process whose inspector `session` is open: `HeapProfiler.collectGarbage`
 * (a full, precise collection in the process) {@link COLLECTIONS} times, then VmRSS of `pid` and
 * `process.memoryUsage()` through `Runtime.evaluate`. Without the collections a reading mostly
 * measures how much garbage happened to be waiting for the next GC.
 */
export async function readMemoryAfterGc(
  session: InspectorSession,
  pid: number,
): Promise<MemoryReading> {
  for (let i = 0; i < COLLECTIONS; i += 1) await session.call('HeapProfiler.collectGarbage');
  await sleep(SETTLE_MS);
  const usage = await session.evaluate<MemoryUsage>(
    '(({ heapUsed, external }) => ({ heapUsed, external }))(process.memoryUsage())',
  );
  if (typeof usage?.heapUsed !== 'number' || typeof usage.external !== 'number') {
    throw new Error('process.memoryUsage() gave no heapUsed/external');
  }
  return {
    rssKiB: await residentKiB(pid),
    heapUsedKiB: usage.heapUsed / 1024,
    externalKiB: usage.external / 1024,
  };
}
