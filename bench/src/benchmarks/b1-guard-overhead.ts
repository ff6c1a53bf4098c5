import { BENCH_USER_EMAIL, type Benchmark } from '../bench-context.js';
import { runLoad, type LoadResult } from '../infra/load.js';
import { median, interleave, medianRatio } from '../runner/rounds.js';

const rps = (results: LoadResult[]) => results.map((result) => result.requestsPerSecond);

/** B1: what the global guard costs on the same backend process. */
export const guardOverhead: Benchmark = {
  id: 'B1',
  title: 'guard overhead',
  method:
    'B1 starts the backend and the emulator (production builds, child processes) and drives the ' +
    'same backend process with autocannon: `GET /health` (public) and `GET /admin/me` with a valid ' +
    'bearer token from the emulator (`POST /__emulator/sessions`). The two runs alternate within ' +
    'every round (one warm-up run each, dropped); the figure is the median of the per-round ratios ' +
    'of 2xx answers per second. Every answer must be 2xx or the run fails. The repeated token is ' +
    "served from the guard's verified-token cache after its first verification, as a session's " +
    'requests are in production. The ratio holds everything a guarded route adds over a public ' +
    "one: the guard, the authorization guard, and `/admin/me`'s handler building its answer from " +
    'the verified user (`/health` returns a constant).',
  async run(context) {
    const { settings } = context;
    const stack = await context.startStack('b1');
    try {
      const { accessToken } = await stack.emulator.issueSession(BENCH_USER_EMAIL);
      const load = (path: string, headers?: Record<string, string>) => () =>
        runLoad({
          url: `${stack.backendUrl}${path}`,
          connections: settings.guardConnections,
          durationSeconds: settings.loadSeconds,
          expectOnly2xx: true,
          ...(headers ? { headers } : {}),
        });
      const results = await interleave(
        [
          { name: 'public', run: load('/health') },
          { name: 'guarded', run: load('/admin/me', { authorization: `Bearer ${accessToken}` }) },
        ],
        settings.rounds,
        { warmup: true },
      );
      const publicRps = rps(results['public'] ?? []);
      const guardedRps = rps(results['guarded'] ?? []);
      return [
        {
          id: 'B1',
          label: 'guarded GET /admin/me / public GET /health throughput',
          value: medianRatio(guardedRps, publicRps),
          unit: 'x',
          goal: { op: '>=', target: 0.9 },
          detail:
            `public ${median(publicRps).toFixed(0)} req/s, guarded ${median(guardedRps).toFixed(0)} req/s ` +
            `(medians of ${settings.rounds} rounds, ${settings.guardConnections} connections, ${settings.loadSeconds} s runs)`,
        },
      ];
    } finally {
      await stack.stop();
    }
  },
};
