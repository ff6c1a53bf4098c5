import { BENCH_USER_EMAIL, type Benchmark } from '../bench-context.js';
import { apiHeaders, signInThroughBff } from '../infra/bff-login.js';
import { runLoad, type LoadResult } from '../infra/load.js';
import { interleave, median, medianDifference, medianRatio } from '../runner/rounds.js';

const pick = (results: LoadResult[], key: 'requestsPerSecond' | 'p99Ms' | 'p50Ms') =>
  results.map((result) => result[key]);

/** B4: the cost of the BFF hop in front of the backend. */
export const bffProxy: Benchmark = {
  id: 'B4',
  title: 'BFF proxy',
  method:
    'B4 starts the emulator, the backend and a BFF (SQLite sessions), signs in through the real flow ' +
    '(`/auth/login`, the emulator page, `/auth/callback`, cookie jar) and compares `GET /api/admin/me` ' +
    'through the BFF (session cookie + `X-CSRF: 1`) with `GET /admin/me` straight to the same backend ' +
    'process (bearer token of the same user minted by the emulator), with autocannon at the same ' +
    'number of connections, alternating within each round (one warm-up run each). Throughput is ' +
    'the median per-round ratio of 2xx per second; added p99 is the median per-round difference of ' +
    'the p99 latencies. Both are closed-loop runs at saturation, where latency is mostly queueing: ' +
    'B4c repeats the comparison with one connection to show the latency the hop adds to a single ' +
    'request.',
  async run(context) {
    const { settings } = context;
    const stack = await context.startStack('b4');
    try {
      const bff = await stack.startBff({ store: 'sqlite' });
      const cookie = await signInThroughBff(bff.url, BENCH_USER_EMAIL);
      const { accessToken } = await stack.emulator.issueSession(BENCH_USER_EMAIL);
      const viaBff = (connections: number) => () =>
        runLoad({
          url: `${bff.url}/api/admin/me`,
          headers: apiHeaders(cookie),
          connections,
          durationSeconds: settings.loadSeconds,
          expectOnly2xx: true,
        });
      const direct = (connections: number) => () =>
        runLoad({
          url: `${stack.backendUrl}/admin/me`,
          headers: { authorization: `Bearer ${accessToken}` },
          connections,
          durationSeconds: settings.loadSeconds,
          expectOnly2xx: true,
        });
      const n = settings.proxyConnections;
      const loaded = await interleave(
        [
          { name: 'bff', run: viaBff(n) },
          { name: 'direct', run: direct(n) },
        ],
        settings.rounds,
        { warmup: true },
      );
      const single = await interleave(
        [
          { name: 'bff', run: viaBff(1) },
          { name: 'direct', run: direct(1) },
        ],
        settings.rounds,
        { warmup: true },
      );
      const bffRuns = loaded['bff'] ?? [];
      const directRuns = loaded['direct'] ?? [];
      const summary = (runs: LoadResult[]) =>
        `${median(pick(runs, 'requestsPerSecond')).toFixed(0)} req/s, p50 ${median(pick(runs, 'p50Ms')).toFixed(1)} ms, p99 ${median(pick(runs, 'p99Ms')).toFixed(1)} ms`;
      const rounds = `medians of ${settings.rounds} rounds of ${settings.loadSeconds} s`;
      return [
        {
          id: 'B4a',
          label: `BFF / direct throughput at ${n} connections`,
          value: medianRatio(
            pick(bffRuns, 'requestsPerSecond'),
            pick(directRuns, 'requestsPerSecond'),
          ),
          unit: 'x',
          goal: { op: '>=', target: 0.6 },
          detail: `through the BFF ${summary(bffRuns)}; direct ${summary(directRuns)} (${rounds})`,
        },
        {
          id: 'B4b',
          label: `added p99 latency at ${n} connections`,
          value: medianDifference(pick(bffRuns, 'p99Ms'), pick(directRuns, 'p99Ms')),
          unit: 'ms',
          goal: { op: '<=', target: 3 },
          detail: 'same runs as B4a',
        },
        {
          id: 'B4c',
          label: 'added p50 latency at 1 connection',
          value: medianDifference(
            pick(single['bff'] ?? [], 'p50Ms'),
            pick(single['direct'] ?? [], 'p50Ms'),
          ),
          unit: 'ms',
          detail: `through the BFF ${summary(single['bff'] ?? [])}; direct ${summary(single['direct'] ?? [])} (${rounds})`,
        },
      ];
    } finally {
      await stack.stop();
    }
  },
};
