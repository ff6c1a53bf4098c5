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

/** The Redis `npm start -- --scale` uses unless `REDIS_URL` says otherwise (Debian's default). */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** How many BFF instances and which session store: `--scale` / `BFF_INSTANCES`, `SESSION_STORE`, `REDIS_URL`. */
function sessionSetup(
  env: NodeJS.ProcessEnv,
  argv: readonly string[],
): Pick<StackOptions, 'bffInstances' | 'sessionStore' | 'redisUrl'> {
  for (const arg of argv) {
    if (arg !== '--scale') throw new StackConfigError(`unknown option ${arg} (only --scale)`);
  }
  const raw = env.BFF_INSTANCES;
  if (raw !== undefined && raw !== '' && raw !== '1' && raw !== '2') {
    throw new StackConfigError(`BFF_INSTANCES must be 1 or 2, got "${raw}"`);
  }
  const instances = argv.includes('--scale') || raw === '2' ? 2 : 1;
  const store = env.SESSION_STORE;
  if (store !== undefined && store !== '' && store !== 'sqlite' && store !== 'redis') {
    throw new StackConfigError(`SESSION_STORE must be sqlite or redis, got "${store}"`);
  }
  if (instances === 1 && store !== 'redis') return { bffInstances: 1, sessionStore: 'sqlite' };
  if (store === 'sqlite') {
    throw new StackConfigError(
      'two BFF instances share sessions through Redis: drop SESSION_STORE=sqlite',
    );
  }
  const redisUrl = env.REDIS_URL || DEFAULT_REDIS_URL;
  if (!/^rediss?:\/\//.test(redisUrl)) {
    throw new StackConfigError(`REDIS_URL must start with redis:// or rediss://`);
  }
  return { bffInstances: instances, sessionStore: 'redis', redisUrl };
}

/** Two parts of the stack configured on one port would fail at start with a less clear message. */
function assertDistinctPorts(
  ports: { emulator: number; backend: number; bff: number; bff2: number },
  bffInstances: number,
): void {
  const used = new Map<number, string>();
  const entries = Object.entries(ports).filter(([name]) => name !== 'bff2' || bffInstances > 1);
  for (const [name, port] of entries) {
    const other = used.get(port);
    if (other !== undefined)
      throw new StackConfigError(`${other} and ${name} are both configured on port ${port}`);
    used.set(port, name);
  }
}

/**
 * The `npm start` configuration: emulator on 4100, backend on 3001, BFF on 3000 (override with
 * `EMULATOR_PORT`, `BACKEND_PORT`, `BFF_PORT`), state and generated development secrets under
 * `<root>/.data`, real WorkOS when `WORKOS_CLIENT_ID` and `WORKOS_API_KEY` are set. `--scale` (or
 * `BFF_INSTANCES=2`) adds a second BFF on `BFF2_PORT` (default: the first port after BFF_PORT that
 * no other part uses, 3002), both on Redis
 * (`REDIS_URL`, default redis://127.0.0.1:6379); `SESSION_STORE=redis` puts one BFF on Redis.
 * `AUDIT_EXPORT_WORKOS=true` also sends admin actions to (emulated) WorkOS Audit Logs.
 */
export function devStackOptions(
  rootDir: string,
  env: NodeJS.ProcessEnv,
  log: LogSink,
  argv: readonly string[] = [],
): StackOptions {
  const dataDir = join(rootDir, '.data');
  const identityProvider = resolveIdentityProvider(env);
  const devSecrets = loadOrCreateDevSecrets(dataDir);
  const cookiePassword =
    identityProvider.kind === 'workos' && identityProvider.cookiePassword
      ? identityProvider.cookiePassword
      : devSecrets.cookiePassword;
  const bff = portFrom(env, 'BFF_PORT', 3000);
  if (cookiePassword.length < 32)
    throw new StackConfigError('WORKOS_COOKIE_PASSWORD must be at least 32 characters');
  const emulator = portFrom(env, 'EMULATOR_PORT', 4100);
  const backend = portFrom(env, 'BACKEND_PORT', 3001);
  let nextFree = bff + 1;
  while (nextFree === emulator || nextFree === backend) nextFree += 1;
  const ports = { emulator, backend, bff, bff2: portFrom(env, 'BFF2_PORT', nextFree) };
  const session = sessionSetup(env, argv);
  assertDistinctPorts(ports, session.bffInstances ?? 1);
  return {
    rootDir,
    dataDir,
    auditDataDir: join(dataDir, 'audit'),
    ...(env.AUDIT_EXPORT_WORKOS === 'true' ? { auditExportWorkos: true } : {}),
    host: '127.0.0.1',
    ports,
    identityProvider,
    cookiePassword,
    emulatorTestControls: true,
    ...session,
    ...(identityProvider.kind === 'emulator' ? { webhookSecret: devSecrets.webhookSecret } : {}),
    ...(env.LOG_LEVEL ? { logLevel: env.LOG_LEVEL } : {}),
    log,
  };
}
