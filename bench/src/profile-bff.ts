import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { BENCH_USER_EMAIL } from './bench-context.js';
import { startBareProxy } from './infra/bare-proxy.js';
import { startBenchStack } from './infra/bench-stack.js';
import { apiHeaders, signInThroughBff } from './infra/bff-login.js';
import { InspectorSession } from './infra/inspector.js';
import { runLoad } from './infra/load.js';
import { processCpuTimes } from './infra/process-cpu.js';
import { ServiceLogs } from './infra/service-logs.js';
import { type CpuProfile, summariseProfile } from './profile/cpu-profile.js';
import { renderProfileSummary } from './profile/render-profile.js';

/** The repository root: `bench/dist/profile-bff.js` → `..`/`..`. */
const rootDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `--target bff|bare`, `--seconds N`, `--connections N`, `--save FILE` (the raw `.cpuprofile`). */
function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/**
 * Profiles the BFF under B4's load: the B4 stack (emulator, backend, BFF on SQLite), a real
 * sign-in, a warm-up run, then V8's CPU profiler (the one `--cpu-prof` drives, here started and
 * stopped over the inspector so only the measured run is sampled) during a run of
 * `GET /api/admin/me` at B4's 50 connections. Prints the busy time by phase per proxied request,
 * next to the process CPU time per request from `/proc`. `--target bare` profiles B4's bare proxy
 * instead (`GET /admin/me` with a bearer token), the floor the BFF is compared with.
 */
async function main(): Promise<void> {
  const seconds = Number(flag('seconds') ?? 10);
  const connections = Number(flag('connections') ?? 50);
  const workDir = mkdtempSync(join(tmpdir(), 'gatehouse-profile-'));
  const stack = await startBenchStack({
    rootDir,
    workDir,
    name: 'profile',
    log: new ServiceLogs(false).sink,
  });
  const bare = flag('target') === 'bare';
  try {
    const target = bare
      ? await startBareProxy({
          name: 'profile:bare-proxy',
          backendUrl: stack.backendUrl,
          log: new ServiceLogs(false).sink,
          inspect: true,
        })
      : await stack.startBff({ store: 'sqlite', inspect: true });
    const request = bare
      ? {
          url: `${target.url}/admin/me`,
          headers: {
            authorization: `Bearer ${(await stack.emulator.issueSession(BENCH_USER_EMAIL)).accessToken}`,
          },
        }
      : {
          url: `${target.url}/api/admin/me`,
          headers: apiHeaders(await signInThroughBff(target.url, BENCH_USER_EMAIL)),
        };
    const load = (durationSeconds: number) =>
      runLoad({ ...request, connections, durationSeconds, expectOnly2xx: true });
    await load(3);
    const inspector = await InspectorSession.connect(target.inspectorUrl!);
    await inspector.call('Profiler.enable');
    await inspector.call('Profiler.setSamplingInterval', { interval: 100 });
    await inspector.call('Profiler.start');
    const pid = target.process.pid!;
    const before = await processCpuTimes(pid);
    const result = await load(seconds);
    const after = await processCpuTimes(pid);
    const { profile } = await inspector.call<{ profile: CpuProfile }>('Profiler.stop');
    await inspector.close();
    const save = flag('save');
    if (save) writeFileSync(save, JSON.stringify(profile));
    console.log(
      renderProfileSummary(summariseProfile(profile), {
        requests: result.requests,
        requestsPerSecond: result.requestsPerSecond,
        userUsPerRequest: ((after.userMs - before.userMs) * 1000) / result.requests,
        systemUsPerRequest: ((after.systemMs - before.systemMs) * 1000) / result.requests,
        connections,
        seconds,
      }),
    );
    if (bare) await target.process.stop();
  } finally {
    await stack.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
