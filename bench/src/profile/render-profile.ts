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

/** A Markdown summary: main-thread busy time by phase per request, then the heaviest functions. */
export function renderProfileSummary(summary: ProfileSummary, run: ProfiledRun): string {
  const perRequest = (us: number) => (us / run.requests).toFixed(1);
  const share = (us: number) => `${((100 * us) / summary.busyUs).toFixed(0)} %`;
  return [
    `${run.requests} requests in ${run.seconds} s at ${run.connections} connections ` +
      `(${run.requestsPerSecond.toFixed(0)} req/s); BFF process CPU ${run.processCpuUsPerRequest.toFixed(0)} µs ` +
      `per request (all threads), main thread busy ${perRequest(summary.busyUs)} µs per request (profile)`,
    '',
    '| phase | µs per request | share |',
    '|---|---|---|',
    ...[...summary.byPhase.entries()]
      .filter(([, us]) => us > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([phase, us]) => `| ${phase} | ${perRequest(us)} | ${share(us)} |`),
    '',
    '| heaviest functions (self time) | phase | µs per request |',
    '|---|---|---|',
    ...summary.topFunctions.map(
      (fn) => `| \`${fn.name.replace(/\|/g, '\\|')}\` | ${fn.phase} | ${perRequest(fn.us)} |`,
    ),
  ].join('\n');
}
