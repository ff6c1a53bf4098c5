import { join } from 'node:path';

import { loadOrCreateDevSecrets } from './dev-secrets.js';
import { resolveIdentityProvider } from './identity-provider.js';
import { type LogSink } from './service-process.js';
import { type StackOptions } from './stack.js';

/** Raised for an environment variable the launcher cannot use. */
export class StackConfigError extends Error {
  readonly code = 'stack_config';
}

function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new StackConfigError(`${name} must be a port number (1-65535), got "${raw}"`);
  }
  return port;
}

/**
 * The `npm start` configuration: emulator on 4100, backend on 3001, BFF on 3000 (override with
 * `EMULATOR_PORT`, `BACKEND_PORT`, `BFF_PORT`), state and generated development secrets under
 * `<root>/.data`, real WorkOS when `WORKOS_CLIENT_ID` and `WORKOS_API_KEY` are set.
 */
export function devStackOptions(
  rootDir: string,
  env: NodeJS.ProcessEnv,
  log: LogSink,
): StackOptions {
  const dataDir = join(rootDir, '.data');
  const identityProvider = resolveIdentityProvider(env);
  const cookiePassword =
    identityProvider.kind === 'workos' && identityProvider.cookiePassword
      ? identityProvider.cookiePassword
      : loadOrCreateDevSecrets(dataDir).cookiePassword;
  if (cookiePassword.length < 32)
    throw new StackConfigError('WORKOS_COOKIE_PASSWORD must be at least 32 characters');
  return {
    rootDir,
    dataDir,
    host: '127.0.0.1',
    ports: {
      emulator: portFrom(env, 'EMULATOR_PORT', 4100),
      backend: portFrom(env, 'BACKEND_PORT', 3001),
      bff: portFrom(env, 'BFF_PORT', 3000),
    },
    identityProvider,
    cookiePassword,
    emulatorTestControls: true,
    sessionStore: 'sqlite',
    ...(env.LOG_LEVEL ? { logLevel: env.LOG_LEVEL } : {}),
    log,
  };
}
