import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** How to run one part of the stack. */
export interface ServiceSpec {
  /** Short name used as the log prefix (`emulator`, `backend`, `bff`). */
  name: string;
  /** Script run with this Node binary (`process.execPath`). */
  script: string;
  args?: string[];
  /** Options for Node itself, before the script (e.g. `--watch`). */
  nodeArgs?: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** GET this URL until it answers 2xx to call the service ready; without one it is ready once spawned. */
  readyUrl?: string;
  /** How long {@link ServiceProcess.stop} waits after SIGTERM before SIGKILL; default 5 s. */
  stopGraceMs?: number;
}

/** Where prefixed log lines go; `stream` tells stdout from stderr. */
export type LogSink = (service: string, line: string, stream: 'stdout' | 'stderr') => void;

/** Raised when a service exits before it was ready, or does not become ready in time. */
export class ServiceStartError extends Error {
  readonly code = 'service_start_failed';
}

const DEFAULT_STOP_GRACE_MS = 5_000;
/** How long a child must stay up after its first 2xx readiness answer. */
const READY_SETTLE_MS = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One child process of the stack, with its output prefixed line by line, a readiness probe and a
 * stop that escalates from SIGTERM to SIGKILL.
 *
 * Hand-written rather than `concurrently`: the stack must start its parts in order, wait for each
 * one's health endpoint before the next, and be driven from code (tests stop and restart the
 * backend), which a command-line multiplexer does not offer.
 */
export class ServiceProcess {
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private stopping = false;

  private constructor(
    readonly spec: ServiceSpec,
    log: LogSink,
  ) {
    this.child = spawn(
      process.execPath,
      [...(spec.nodeArgs ?? []), spec.script, ...(spec.args ?? [])],
      {
        cwd: spec.cwd,
        env: spec.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = this.child[stream];
      if (source)
        createInterface({ input: source }).on('line', (line) => log(spec.name, line, stream));
    }
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => resolve(code ?? (signal ? null : 0)));
      this.child.once('error', (error) => {
        log(spec.name, `could not start: ${error.message}`, 'stderr');
        resolve(1);
      });
    });
  }

  /** Process id of the running service (undefined once it failed to spawn). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True after {@link stop} was called: an exit then is expected, not a crash. */
  get isStopping(): boolean {
    return this.stopping;
  }

  /** Spawns the service and resolves once its ready URL answers 2xx. */
  static async start(spec: ServiceSpec, log: LogSink, timeoutMs = 30_000): Promise<ServiceProcess> {
    const service = new ServiceProcess(spec, log);
    try {
      await service.waitUntilReady(timeoutMs);
      return service;
    } catch (error) {
      await service.stop();
      throw error;
    }
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const { readyUrl } = this.spec;
    if (readyUrl === undefined) return;
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.exited.then((code) => (exitCode = code));
    while (Date.now() < deadline) {
      if (exitCode !== undefined) {
        throw new ServiceStartError(
          `${this.spec.name} exited with code ${exitCode} before it was ready (see its log above)`,
        );
      }
      try {
        const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) });
        await response.body?.cancel();
        if (response.ok) {
          // A 2xx proves something listens there, not that it is this child: one that could not
          // bind (the port was taken meanwhile) exits soon after. Only a child still running after
          // a short settle is called ready; the loop then reports the exit.
          await sleep(READY_SETTLE_MS);
          if (exitCode === undefined) return;
          continue;
        }
      } catch {
        // Not listening yet.
      }
      await sleep(150);
    }
    throw new ServiceStartError(
      `${this.spec.name} was not ready at ${readyUrl} within ${timeoutMs / 1000} s`,
    );
  }

  /** SIGTERM, then SIGKILL if the process is still there after a grace period. Idempotent. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(
      () => this.child.kill('SIGKILL'),
      this.spec.stopGraceMs ?? DEFAULT_STOP_GRACE_MS,
    );
    await this.exited;
    clearTimeout(timer);
  }
}
