import type { ProfileSummary } from './cpu-profile.js';

/** What the profiled run served. */
export interface ProfiledRun {
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** User + system CPU of the BFF process over the run (all threads), per request. */
  readonly processCpuUsPerRequest: number;
  readonly connections: number;
  readonly seconds: number;
}

/**
 * A Markdown summary: each phase's share of the busy samples, and that share of the process CPU
 * time per request (the profile says where, `/proc` says how much); then the heaviest functions.
 */
export function renderProfileSummary(summary: ProfileSummary, run: ProfiledRun): string {
  const share = (samples: number) => samples / Math.max(summary.busy, 1);
  const percent = (samples: number) => `${(100 * share(samples)).toFixed(1)} %`;
  const us = (samples: number) => (share(samples) * run.processCpuUsPerRequest).toFixed(1);
  return [
    `${run.requests} requests in ${run.seconds} s at ${run.connections} connections ` +
      `(${run.requestsPerSecond.toFixed(0)} req/s); process CPU ${run.processCpuUsPerRequest.toFixed(0)} µs ` +
      `per request (all threads, /proc); ${summary.busy} busy samples`,
    '',
    '| phase | share of samples | ≈ µs CPU per request |',
    '|---|---|---|',
    ...[...summary.byPhase.entries()]
      .filter(([, samples]) => samples > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([phase, samples]) => `| ${phase} | ${percent(samples)} | ${us(samples)} |`),
    '',
    '| heaviest functions (self) | phase | share of samples |',
    '|---|---|---|',
    ...summary.topFunctions.map(
      (fn) => `| \`${fn.name.replace(/\|/g, '\\|')}\` | ${fn.phase} | ${percent(fn.samples)} |`,
    ),
  ].join('\n');
}
