import type { ProfileSummary } from './cpu-profile.js';

/** What the profiled run served, and what it cost the process (from `/proc`, all threads). */
export interface ProfiledRun {
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** User CPU time per request (the process's own code: JavaScript, GC, native modules). */
  readonly userUsPerRequest: number;
  /** System CPU time per request (the kernel: socket reads and writes, polling). */
  readonly systemUsPerRequest: number;
  readonly connections: number;
  readonly seconds: number;
}

/**
 * A Markdown summary. Socket writes are system calls whose samples overstate them (see
 * `isSocketWrite`), so they are shown with the process's system time; every other phase gets its
 * share of the remaining samples times the user time per request.
 */
export function renderProfileSummary(summary: ProfileSummary, run: ProfiledRun): string {
  const writes = summary.byPhase.get('socket writes') ?? 0;
  const userSamples = Math.max(summary.busy - writes, 1);
  const percent = (samples: number, of: number) => `${((100 * samples) / of).toFixed(1)} %`;
  const us = (samples: number) => ((samples / userSamples) * run.userUsPerRequest).toFixed(1);
  return [
    `${run.requests} requests in ${run.seconds} s at ${run.connections} connections ` +
      `(${run.requestsPerSecond.toFixed(0)} req/s); CPU per request ` +
      `${(run.userUsPerRequest + run.systemUsPerRequest).toFixed(0)} µs: user ` +
      `${run.userUsPerRequest.toFixed(0)} µs, system ${run.systemUsPerRequest.toFixed(0)} µs ` +
      `(/proc, all threads, profiler running); ${summary.busy} busy samples`,
    '',
    '| phase | share of samples | ≈ µs CPU per request |',
    '|---|---|---|',
    ...[...summary.byPhase.entries()]
      .filter(([phase, samples]) => samples > 0 && phase !== 'socket writes')
      .sort((a, b) => b[1] - a[1])
      .map(
        ([phase, samples]) => `| ${phase} | ${percent(samples, userSamples)} | ${us(samples)} |`,
      ),
    `| kernel: socket writes and reads, polling (system time) | ${percent(writes, summary.busy)} of all samples are in writes | ${run.systemUsPerRequest.toFixed(1)} |`,
    '',
    '| heaviest functions (self) | phase | share of all samples |',
    '|---|---|---|',
    ...summary.topFunctions.map(
      (fn) =>
        `| \`${fn.name.replace(/\|/g, '\\|')}\` | ${fn.phase} | ${percent(fn.samples, summary.busy)} |`,
    ),
  ].join('\n');
}
