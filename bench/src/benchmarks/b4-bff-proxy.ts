import { BENCH_USER_EMAIL, type Benchmark } from '../bench-context.js';
import { startBareProxy } from '../infra/bare-proxy.js';
import { apiHeaders, signInThroughBff } from '../infra/bff-login.js';
import { runLoad, type LoadOptions, type LoadResult } from '../infra/load.js';
import { processCpuMs } from '../infra/process-cpu.js';
import type { Figure } from '../report/figure.js';
import { interleave, median, medianDifference, medianRatio } from '../runner/rounds.js';

/** A load run and the CPU time the serving process spent on it. */
interface MeasuredRun extends LoadResult {
  /** CPU time (user + system) of the process that answered, per request, in µs. */
  readonly cpuUsPerRequest: number;
}

type Key = 'requestsPerSecond' | 'p99Ms' | 'p50Ms' | 'cpuUsPerRequest';
const pick = (runs: readonly MeasuredRun[] | undefined, key: Key) =>
  (runs ?? []).map((run) => run[key]);

/** Runs a load and reads the serving process's CPU time around it. */
async function measured(pid: number | undefined, options: LoadOptions): Promise<MeasuredRun> {
  if (pid === undefined) throw new Error(`no process id for ${options.url}`);
  const before = await processCpuMs(pid);
  const result = await runLoad(options);
  const cpuMs = (await processCpuMs(pid)) - before;
  return { ...result, cpuUsPerRequest: (cpuMs * 1000) / Math.max(result.requests, 1) };
}

function summary(runs: readonly MeasuredRun[] | undefined): string {
  const m = (key: Key) => median(pick(runs, key));
  return (
    `${m('requestsPerSecond').toFixed(0)} req/s, p50 ${m('p50Ms').toFixed(1)} ms, ` +
    `p99 ${m('p99Ms').toFixed(1)} ms, ${m('cpuUsPerRequest').toFixed(0)} µs CPU per request`
  );
}

/** B4: the cost of the BFF hop in front of the backend, against a bare proxy and no hop at all. */
export const bffProxy: Benchmark = {
  id: 'B4',
  title: 'BFF proxy',
  method:
    'B4 starts the emulator, the backend, a BFF (SQLite sessions) and a bare proxy, signs in through ' +
    'the real flow (`/auth/login`, the emulator page, `/auth/callback`, cookie jar) and compares ' +
    'three ways to reach the same backend process with autocannon at the same number of ' +
    'connections, alternating within each round (one warm-up run each): `GET /api/admin/me` through ' +
    'the BFF (session cookie + `X-CSRF: 1`); `GET /admin/me` through the bare proxy, a keep-alive ' +
    'node:http reverse proxy in its own process with no session, no checks and no logging (the ' +
    'ceiling for any Node proxy; `bench/src/bare-proxy/server.ts`); and `GET /admin/me` straight to ' +
    'the backend (bearer token of the same user minted by the emulator). Throughput is the median ' +
    'per-round ratio of 2xx per second; added p99 is the median per-round difference of the p99 ' +
    "latencies; CPU per request is the serving process's CPU time (user + system, from " +
    '`/proc/<pid>/stat`) over the run divided by its requests, as a median per-round ratio. ' +
    'The loaded runs are closed-loop runs at saturation, where latency is mostly queueing: the ' +
    'comparison is repeated with one connection to show the latency a hop adds to a single ' +
    'request. Where the BFF spends its CPU: the hand-written section after the Method.',
  async run(context) {
    const { settings } = context;
    const stack = await context.startStack('b4');
    const bare = await startBareProxy({
      name: 'b4:bare-proxy',
      backendUrl: stack.backendUrl,
      log: context.logs.sink,
    });
    try {
      const bff = await stack.startBff({ store: 'sqlite' });
      const cookie = await signInThroughBff(bff.url, BENCH_USER_EMAIL);
      const { accessToken } = await stack.emulator.issueSession(BENCH_USER_EMAIL);
      const bearer = { authorization: `Bearer ${accessToken}` };
      const load = (connections: number) => ({
        connections,
        durationSeconds: settings.loadSeconds,
        expectOnly2xx: true,
      });
      const contenders = (n: number) => [
        {
          name: 'bff',
          run: () =>
            measured(bff.process.pid, {
              url: `${bff.url}/api/admin/me`,
              headers: apiHeaders(cookie),
              ...load(n),
            }),
        },
        {
          name: 'bare',
          run: () =>
            measured(bare.process.pid, {
              url: `${bare.url}/admin/me`,
              headers: bearer,
              ...load(n),
            }),
        },
        {
          name: 'direct',
          run: () =>
            measured(stack.backendProcess?.pid, {
              url: `${stack.backendUrl}/admin/me`,
              headers: bearer,
              ...load(n),
            }),
        },
      ];
      const n = settings.proxyConnections;
      const loaded = await interleave(contenders(n), settings.rounds, { warmup: true });
      const single = await interleave(contenders(1), settings.rounds, { warmup: true });
      return figures(
        loaded,
        single,
        n,
        `medians of ${settings.rounds} rounds of ${settings.loadSeconds} s`,
      );
    } finally {
      await bare.process.stop();
      await stack.stop();
    }
  },
};

function figures(
  loaded: Record<string, MeasuredRun[]>,
  single: Record<string, MeasuredRun[]>,
  n: number,
  rounds: string,
): Figure[] {
  const { bff, bare, direct } = loaded;
  const ratio = (a: MeasuredRun[] | undefined, b: MeasuredRun[] | undefined, key: Key) =>
    medianRatio(pick(a, key), pick(b, key));
  const all = `through the BFF ${summary(bff)}; bare proxy ${summary(bare)}; direct ${summary(direct)} (${rounds})`;
  return [
    {
      id: 'B4a',
      label: `BFF / bare proxy throughput at ${n} connections`,
      value: ratio(bff, bare, 'requestsPerSecond'),
      unit: 'x',
      goal: { op: '>=', target: 0.7 },
      detail: all,
    },
    {
      id: 'B4b',
      label: `BFF p99 above the bare proxy's at ${n} connections`,
      value: medianDifference(pick(bff, 'p99Ms'), pick(bare, 'p99Ms')),
      unit: 'ms',
      goal: { op: '<=', target: 3 },
      detail: 'same runs as B4a',
    },
    {
      id: 'B4c',
      label: 'BFF / bare proxy CPU time per proxied request',
      value: ratio(bff, bare, 'cpuUsPerRequest'),
      unit: 'x',
      goal: { op: '<=', target: 2 },
      detail: `same runs as B4a: BFF ${median(pick(bff, 'cpuUsPerRequest')).toFixed(0)} µs, bare proxy ${median(pick(bare, 'cpuUsPerRequest')).toFixed(0)} µs, backend (direct) ${median(pick(direct, 'cpuUsPerRequest')).toFixed(0)} µs per request`,
    },
    {
      id: 'B4d',
      label: `BFF / direct throughput at ${n} connections`,
      value: ratio(bff, direct, 'requestsPerSecond'),
      unit: 'x',
      detail: 'same runs as B4a',
    },
    {
      id: 'B4e',
      label: `bare proxy / direct throughput at ${n} connections`,
      value: ratio(bare, direct, 'requestsPerSecond'),
      unit: 'x',
      detail: 'same runs as B4a',
    },
    {
      id: 'B4f',
      label: "BFF p50 above the bare proxy's at 1 connection",
      value: medianDifference(pick(single['bff'], 'p50Ms'), pick(single['bare'], 'p50Ms')),
      unit: 'ms',
      detail: `through the BFF ${summary(single['bff'])}; bare proxy ${summary(single['bare'])}; direct ${summary(single['direct'])} (${rounds})`,
    },
  ];
}
