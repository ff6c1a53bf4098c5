import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import {
  findFreePort,
  ServiceProcess,
  stackServiceSpecs,
  type LogSink,
  type ServiceSpec,
} from '@gatehouse/stack';

import { EmulatorControls } from './emulator-controls.js';
import { inspectorUrlOf, isInspectorNotice } from './inspector.js';

/** A session store the BFF can be started with. */
export type StoreKind = 'sqlite' | 'memory' | 'redis';

/** How to start one BFF instance. */
export interface BffInstanceOptions {
  readonly store: StoreKind;
  /** Required for `redis`. */
  readonly redisUrl?: string;
  /**
   * Start Node with `--inspect=127.0.0.1:0` (B6 collects garbage and reads `process.memoryUsage()`
   * through it). Benchmark-only: the stack never opens an inspector.
   */
  readonly inspect?: boolean;
  /** More options for Node itself (V8 flags), benchmark-only like `inspect`. */
  readonly nodeArgs?: readonly string[];
}

/** A running BFF child process. */
export interface BffInstance {
  readonly url: string;
  readonly process: ServiceProcess;
  /** The inspector's WebSocket URL, when started with `inspect`. */
  readonly inspectorUrl?: string;
}

/** Options of {@link startBenchStack}. */
export interface BenchStackOptions {
  /** The repository root (holds `backend/dist`, `bff/dist`, `workos-emulator/dist`). */
  readonly rootDir: string;
  /** A fresh folder for this stack's data (emulator keys, SQLite sessions). */
  readonly workDir: string;
  /** Distinguishes this stack's log lines. */
  readonly name: string;
  readonly log: LogSink;
  /** Access-token lifetime the emulator mints, in seconds (default 300, like WorkOS). */
  readonly accessTokenTtlSeconds?: number;
  /** Start the backend too (default true). */
  readonly backend?: boolean;
  /** The backend's audit trail: a PGlite directory (`AUDIT_DATA_DIR`); default off. */
  readonly auditDataDir?: string;
}

/** An emulator and (optionally) a backend, and any number of BFFs started on demand. */
export interface BenchStack {
  readonly emulatorUrl: string;
  readonly backendUrl: string;
  readonly clientId: string;
  /** The `iss` the backend accepts. */
  readonly issuer: string;
  readonly emulator: EmulatorControls;
  readonly backendProcess: ServiceProcess | undefined;
  startBff(options: BffInstanceOptions): Promise<BffInstance>;
  /** Stops every process of the stack, BFFs first. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
/** Seals tokens at rest in the benchmark BFFs; a fixed value is fine for throw-away data. */
const COOKIE_PASSWORD = 'gatehouse-bench-cookie-password-not-a-secret';
/**
 * The BFF limits sign-ins per client IP (`RATE_LIMIT_SIGN_IN_PER_IP` per `RATE_LIMIT_WINDOW_SECONDS`,
 * default 60 a minute); every benchmark sign-in comes from 127.0.0.1, B6 alone makes thousands a
 * minute. The limiter still runs and counts (its cost stays in the figures); it just does not
 * refuse. An older BFF without rate limits ignores the variable.
 */
const BENCH_SIGN_INS_PER_IP = '100000';
/** Per-request log lines cost the services time and this process pipe reading: warnings only. */
const LOG_LEVEL = 'warn';

/**
 * Starts the production builds (`dist/main.js`) of the emulator and the backend as child processes
 * on free 127.0.0.1 ports, reusing the specs `npm start` uses (`stackServiceSpecs`), so the
 * benchmark runs exactly what the stack runs. BFF instances are started from the same BFF spec
 * with their own port, public URL and session store.
 */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const [emulatorPort, backendPort, bffPort] = [
    await findFreePort(HOST),
    await findFreePort(HOST),
    await findFreePort(HOST),
  ] as [number, number, number];
  const spaDir = join(options.workDir, 'spa');
  mkdirSync(spaDir, { recursive: true });
  const { specs, backendUrl, emulatorUrl, client } = stackServiceSpecs({
    rootDir: options.rootDir,
    dataDir: options.workDir,
    host: HOST,
    ports: { emulator: emulatorPort, backend: backendPort, bff: bffPort },
    identityProvider: { kind: 'emulator' },
    cookiePassword: COOKIE_PASSWORD,
    emulatorTestControls: true,
    logLevel: LOG_LEVEL,
    spaDistDir: spaDir,
    publicUrl: `http://${HOST}:${bffPort}`,
    log: options.log,
    ...(options.accessTokenTtlSeconds !== undefined
      ? { accessTokenTtlSeconds: options.accessTokenTtlSeconds }
      : {}),
    ...(options.auditDataDir !== undefined ? { auditDataDir: options.auditDataDir } : {}),
  });
  if (!emulatorUrl) throw new Error('the benchmark stack always runs the emulator');
  const spec = (name: string): ServiceSpec => {
    const found = specs.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`no ${name} service in the stack specs`);
    return { ...found, name: `${options.name}:${name}` };
  };

  const started: ServiceProcess[] = [];
  const stop = async () => {
    for (const service of [...started].reverse()) await service.stop();
  };
  try {
    started.push(await ServiceProcess.start(spec('emulator'), options.log));
    let backendProcess: ServiceProcess | undefined;
    if (options.backend !== false) {
      backendProcess = await ServiceProcess.start(spec('backend'), options.log);
      started.push(backendProcess);
    }
    const emulator = new EmulatorControls(emulatorUrl);
    const bffTemplate = spec('bff');
    let instances = 0;

    const startBff = async ({
      store,
      redisUrl,
      inspect = false,
      nodeArgs = [],
    }: BffInstanceOptions): Promise<BffInstance> => {
      instances += 1;
      const port = instances === 1 ? bffPort : await findFreePort(HOST);
      const url = `http://${HOST}:${port}`;
      await emulator.allowRedirectUri(`${url}/auth/callback`);
      let inspectorUrl: string | undefined;
      // Node announces its inspector on stderr, which the log sink would print as an error: the
      // URL is kept, the notices are passed on as ordinary output.
      const log: LogSink = inspect
        ? (service, line, stream) => {
            inspectorUrl ??= inspectorUrlOf(line);
            options.log(service, line, isInspectorNotice(line) ? 'stdout' : stream);
          }
        : options.log;
      const service = await ServiceProcess.start(
        {
          ...bffTemplate,
          name: `${bffTemplate.name}${instances}`,
          nodeArgs: [
            ...(bffTemplate.nodeArgs ?? []),
            ...nodeArgs,
            ...(inspect ? [`--inspect=${HOST}:0`] : []),
          ],
          env: {
            ...bffTemplate.env,
            PORT: String(port),
            PUBLIC_URL: url,
            RATE_LIMIT_SIGN_IN_PER_IP: BENCH_SIGN_INS_PER_IP,
            SESSION_STORE: store,
            SESSION_SQLITE_PATH: join(options.workDir, `bff${instances}`, 'sessions.sqlite'),
            ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
          },
          readyUrl: `${url}/healthz`,
        },
        log,
      );
      started.push(service);
      if (!inspect) return { url, process: service };
      // The inspector listens before the BFF's code runs, so its line came long before /healthz
      // answered; a missing URL means Node did not open one.
      if (inspectorUrl === undefined) {
        await service.stop();
        throw new Error(`${service.spec.name} printed no inspector URL`);
      }
      return { url, process: service, inspectorUrl };
    };

    return {
      emulatorUrl,
      backendUrl,
      clientId: client.clientId,
      issuer: `${emulatorUrl}/user_management/${client.clientId}`,
      emulator,
      backendProcess,
      startBff,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
