import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream, LevelWithSilent } from 'pino';
import type { AddressInfo } from 'node:net';
import { AppModule } from '../app.module.js';
import {
  BackendConfigError,
  loadBackendConfig,
  type BackendConfig,
} from '../config/backend-config.js';
import { AppLogger } from '../logging/app-logger.js';
import { loadWorkosAdminConfig, type WorkosAdminConfig } from '../workos/workos-admin.config.js';
import { configureApp } from './configure-app.js';

/** How to build a backend. Give `config`, or `env` (validated like the process environment). */
export interface BackendOptions {
  /** Already-validated configuration; wins over `env`. */
  readonly config?: BackendConfig;
  /** Environment variables (`WORKOS_CLIENT_ID`, ...); defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * WorkOS management API settings of the admin routes; wins over `env`. Default: the
   * configuration's client id and base URL with `WORKOS_API_KEY` from `env` (no key: admin API off).
   */
  readonly workosAdmin?: WorkosAdminConfig;
  /** Log level; default `info`. */
  readonly logLevel?: LevelWithSilent;
  /** Log destination; default stdout. */
  readonly logStream?: DestinationStream;
}

/** Options of {@link startBackend}. */
export interface StartBackendOptions extends BackendOptions {
  /** Port; default the configured `PORT` (use 0 for a random one). */
  readonly port?: number;
  /** Interface; default `127.0.0.1`. */
  readonly host?: string;
}

/** A listening backend. */
export interface RunningBackend {
  readonly app: NestExpressApplication;
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  readonly port: number;
  readonly config: BackendConfig;
  /** Stops listening and closes the app. */
  close(): Promise<void>;
}

/**
 * Builds and initialises the backend without listening.
 *
 * @throws BackendConfigError when `env` is invalid.
 */
export async function createBackendApp(
  options: BackendOptions = {},
): Promise<NestExpressApplication> {
  const config = options.config ?? loadBackendConfig(options.env ?? process.env);
  // The validated client id and base URL win, so the admin API talks to the WorkOS the tokens come from.
  const workosAdmin =
    options.workosAdmin ??
    workosAdminFromEnv({
      ...(options.env ?? process.env),
      WORKOS_CLIENT_ID: config.workosClientId,
      WORKOS_API_BASE_URL: config.workosApiBaseUrl,
    });
  const logger = new AppLogger({ level: options.logLevel, stream: options.logStream });
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, logger, workosAdmin }),
    // abortOnError=false: throw instead of exiting, so an in-process caller sees the error.
    { logger, abortOnError: false },
  );
  configureApp(app, logger);
  await app.init();
  return app;
}

/**
 * The admin API settings from environment variables.
 *
 * @throws BackendConfigError naming the first bad variable.
 */
export function workosAdminFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): WorkosAdminConfig {
  const { config, problems } = loadWorkosAdminConfig(env);
  const [first] = problems;
  if (first) throw new BackendConfigError(first.variable, first.reason);
  if (!config) throw new BackendConfigError('environment', 'is invalid');
  return config;
}

/**
 * Builds the backend and listens. Used by `main.ts` and by other packages that run the real
 * backend in-process (BFF tests, the e2e stack, benchmarks) with `port: 0`.
 */
export async function startBackend(options: StartBackendOptions = {}): Promise<RunningBackend> {
  const config = options.config ?? loadBackendConfig(options.env ?? process.env);
  const app = await createBackendApp({ ...options, config });
  const host = options.host ?? '127.0.0.1';
  await app.listen(options.port ?? config.port, host);
  const address = app.getHttpServer().address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    app,
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    config,
    close: () => app.close(),
  };
}
