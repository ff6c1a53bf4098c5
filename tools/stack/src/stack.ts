import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { defaultSeed, type Seed } from '@gatehouse/workos-emulator';

import { type IdentityProvider } from './identity-provider.js';
import { assertPortFree } from './ports.js';
import { type LogSink, ServiceProcess, type ServiceSpec } from './service-process.js';

/** Everything needed to start the stack; {@link devStackOptions} builds the `npm start` defaults. */
export interface StackOptions {
  /** The repository root (the folder with `backend/`, `bff/`, …). */
  rootDir: string;
  /** Where development state lives: emulator keys and sessions, the BFF's SQLite sessions, secrets. */
  dataDir: string;
  /** Interface every service binds; the stack is for this machine only. */
  host: string;
  /** `bff2` (default `bff + 1`) is used only with `bffInstances: 2`. */
  ports: { emulator: number; backend: number; bff: number; bff2?: number };
  identityProvider: IdentityProvider;
  /** Seals tokens at rest in the BFF (>= 32 characters). */
  cookiePassword: string;
  /** Access-token lifetime the emulator mints (seconds); browser tests use a short one. */
  accessTokenTtlSeconds?: number;
  /** Serve the emulator's `/__emulator/*` controls (browser tests, `npm start`). */
  emulatorTestControls?: boolean;
  sessionStore?: 'sqlite' | 'memory' | 'redis';
  /**
   * The backend's audit trail directory (`AUDIT_DATA_DIR`); without it (and without
   * `auditDatabaseUrl`) the trail is off. Set by `npm start`; browser tests use PostgreSQL and
   * benchmarks leave the trail off (PGlite's first initialisation blocks the backend for seconds).
   */
  auditDataDir?: string;
  /**
   * A PostgreSQL database for the backend's audit trail (`DATABASE_URL`; the backend prefers it
   * to `auditDataDir`). The browser tests create one per run.
   */
  auditDatabaseUrl?: string;
  /** Also send admin actions to WorkOS Audit Logs (`AUDIT_EXPORT_WORKOS=true`): the emulator's, or WorkOS's. */
  auditExportWorkos?: boolean;
  /** Required with `sessionStore: 'redis'` (Redis is the machine's, never started by the stack). */
  redisUrl?: string;
  /**
   * 2 starts a second BFF on `ports.bff2` with its own PUBLIC_URL (`http://localhost:<bff2>`),
   * sharing sessions with the first through Redis (requires `sessionStore: 'redis'`). There is no
   * load balancer: each instance has its own URL; a browser's `gatehouse` cookie is sent to both
   * (cookies ignore ports), so a session started on one is used on the other.
   */
  bffInstances?: 1 | 2;
  /**
   * With the emulator: the secret of a webhook endpoint on the (first) BFF, so the emulator's
   * signed `session.revoked` events end BFF sessions (`WORKOS_WEBHOOK_SECRET`).
   */
  webhookSecret?: string;
  /** Folder of the built admin SPA that the BFF serves. */
  spaDistDir?: string;
  /** Log level passed to the Node services. */
  logLevel?: string;
  /** The origin users open; default the BFF's own (`http://localhost:<bff port>`). `npm run dev` puts `ng serve` in front. */
  publicUrl?: string;
  /** Restart each Node service when its built files change (`node --watch`; `npm run dev`). */
  watch?: boolean;
  log: LogSink;
}

/** The emulator's client as the stack configured it. */
export interface StackClient {
  clientId: string;
  apiKey: string;
  apiBaseUrl: string;
}

/** A running stack. */
export interface RunningStack {
  /** The URL to open: the BFF serving the SPA. */
  publicUrl: string;
  /** The second BFF instance's URL (`bffInstances: 2`). */
  secondPublicUrl?: string;
  backendUrl: string;
  /** Set when the embedded emulator runs. */
  emulatorUrl?: string;
  client: StackClient;
  services: Map<ServiceName, ServiceProcess>;
  /** Starts a stopped service again with the same configuration (tests stop the backend). */
  restart(name: ServiceName): Promise<ServiceProcess>;
  /** Stops every service, the BFF first. Idempotent. */
  stop(): Promise<void>;
}

export type ServiceName = 'emulator' | 'backend' | 'bff' | 'bff2';

/** The port of each service (`bff2` defaults to the BFF's + 1). */
export function servicePort(options: Pick<StackOptions, 'ports'>, name: ServiceName): number {
  return name === 'bff2' ? (options.ports.bff2 ?? options.ports.bff + 1) : options.ports[name];
}

/**
 * The emulator's default seed with the stack's public URL registered as a redirect and logout
 * return URI, so the BFF can run on any port.
 */
export function stackSeed(
  publicUrl: string | string[],
  webhook?: { url: string; secret: string },
): Seed {
  const seed = defaultSeed();
  for (const url of Array.isArray(publicUrl) ? publicUrl : [publicUrl]) {
    for (const client of seed.clients) {
      const callback = `${url}/auth/callback`;
      const signedOut = `${url}/signed-out`;
      if (!client.redirectUris.includes(callback)) client.redirectUris.push(callback);
      if (!client.logoutReturnUris.includes(signedOut)) client.logoutReturnUris.push(signedOut);
    }
  }
  if (webhook) seed.webhooks = [webhook];
  return seed;
}

function firstClient(seed: Seed): { id: string; apiKey: string } {
  const client = seed.clients[0];
  if (!client) throw new Error('the emulator seed has no client');
  return client;
}

/** Builds the three service specs for the options (the emulator only when it is the identity provider). */
export function stackServiceSpecs(options: StackOptions): {
  specs: ServiceSpec[];
  publicUrl: string;
  secondPublicUrl?: string;
  backendUrl: string;
  emulatorUrl?: string;
  client: StackClient;
} {
  const { rootDir, dataDir, host, ports, identityProvider } = options;
  const publicUrl = options.publicUrl ?? `http://localhost:${ports.bff}`;
  const sessionStore = options.sessionStore ?? 'sqlite';
  const instances = options.bffInstances ?? 1;
  if (sessionStore === 'redis' && !options.redisUrl) {
    throw new Error('the Redis session store needs a Redis URL (REDIS_URL)');
  }
  if (instances === 2 && sessionStore !== 'redis') {
    throw new Error('two BFF instances share sessions only through Redis (sessionStore: redis)');
  }
  const secondPublicUrl =
    instances === 2 ? `http://localhost:${servicePort(options, 'bff2')}` : undefined;
  const webhookUrl = `http://${host}:${ports.bff}/auth/webhooks/workos`;
  const backendUrl = `http://${host}:${ports.backend}`;
  const nodeEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development' };
  const logLevel = options.logLevel ?? 'info';
  const specs: ServiceSpec[] = [];
  const nodeArgs = options.watch ? ['--watch'] : [];

  let client: StackClient;
  let emulatorUrl: string | undefined;
  if (identityProvider.kind === 'emulator') {
    emulatorUrl = `http://${host}:${ports.emulator}`;
    const seed = stackSeed(
      secondPublicUrl ? [publicUrl, secondPublicUrl] : publicUrl,
      options.webhookSecret ? { url: webhookUrl, secret: options.webhookSecret } : undefined,
    );
    const seedFile = join(dataDir, 'emulator', 'seed.json');
    mkdirSync(join(dataDir, 'emulator'), { recursive: true });
    writeFileSync(seedFile, `${JSON.stringify(seed, null, 2)}\n`);
    const { id, apiKey } = firstClient(seed);
    client = { clientId: id, apiKey, apiBaseUrl: emulatorUrl };
    specs.push({
      name: 'emulator',
      script: join(rootDir, 'workos-emulator', 'dist', 'main.js'),
      nodeArgs,
      args: [
        '--host',
        host,
        '--port',
        String(ports.emulator),
        '--seed',
        seedFile,
        '--data-dir',
        join(dataDir, 'emulator'),
        ...(options.accessTokenTtlSeconds
          ? ['--access-token-ttl', String(options.accessTokenTtlSeconds)]
          : []),
        ...(options.emulatorTestControls ? ['--enable-test-controls'] : []),
      ],
      env: nodeEnv,
      cwd: rootDir,
      readyUrl: `${emulatorUrl}/health`,
    });
  } else {
    client = {
      clientId: identityProvider.clientId,
      apiKey: identityProvider.apiKey,
      apiBaseUrl: identityProvider.apiBaseUrl,
    };
  }

  specs.push({
    name: 'backend',
    script: join(rootDir, 'backend', 'dist', 'main.js'),
    nodeArgs,
    env: {
      ...nodeEnv,
      HOST: host,
      PORT: String(ports.backend),
      WORKOS_CLIENT_ID: client.clientId,
      // The admin console API (members, invitations, sessions) calls WorkOS with it.
      WORKOS_API_KEY: client.apiKey,
      WORKOS_API_BASE_URL: client.apiBaseUrl,
      ...(options.auditDataDir ? { AUDIT_DATA_DIR: options.auditDataDir } : {}),
      ...(options.auditDatabaseUrl ? { DATABASE_URL: options.auditDatabaseUrl } : {}),
      ...(options.auditExportWorkos ? { AUDIT_EXPORT_WORKOS: 'true' } : {}),
      LOG_LEVEL: logLevel,
    },
    cwd: join(rootDir, 'backend'),
    readyUrl: `${backendUrl}/health`,
  });

  const bffSpec = (name: 'bff' | 'bff2', port: number, url: string): ServiceSpec => ({
    name,
    script: join(rootDir, 'bff', 'dist', 'main.js'),
    nodeArgs,
    env: {
      ...nodeEnv,
      HOST: host,
      PORT: String(port),
      PUBLIC_URL: url,
      BACKEND_URL: backendUrl,
      WORKOS_CLIENT_ID: client.clientId,
      WORKOS_API_KEY: client.apiKey,
      WORKOS_API_BASE_URL: client.apiBaseUrl,
      WORKOS_COOKIE_PASSWORD: options.cookiePassword,
      SESSION_STORE: sessionStore,
      ...(sessionStore === 'redis'
        ? { REDIS_URL: options.redisUrl ?? '' }
        : { SESSION_SQLITE_PATH: join(dataDir, 'bff', 'sessions.sqlite') }),
      ...(options.webhookSecret ? { WORKOS_WEBHOOK_SECRET: options.webhookSecret } : {}),
      SPA_DIST_DIR: options.spaDistDir ?? join(rootDir, 'admin-spa', 'dist', 'browser'),
      LOG_LEVEL: logLevel,
    },
    cwd: join(rootDir, 'bff'),
    readyUrl: `http://${host}:${port}/healthz`,
  });
  specs.push(bffSpec('bff', ports.bff, publicUrl));
  if (secondPublicUrl) specs.push(bffSpec('bff2', servicePort(options, 'bff2'), secondPublicUrl));

  return {
    specs,
    publicUrl,
    backendUrl,
    client,
    ...(secondPublicUrl ? { secondPublicUrl } : {}),
    ...(secondPublicUrl ? { secondPublicUrl } : {}),
    ...(emulatorUrl ? { emulatorUrl } : {}),
  };
}

/**
 * Starts the emulator (when it is the identity provider), the backend and the BFF, in that order,
 * each only after the previous one is ready. Fails fast with a clear error when a port is taken or
 * a service does not come up, and then stops whatever it had started.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { specs, publicUrl, secondPublicUrl, backendUrl, emulatorUrl, client } =
    stackServiceSpecs(options);
  for (const spec of specs) {
    await assertPortFree(servicePort(options, spec.name as ServiceName), spec.name, options.host);
  }

  const services = new Map<ServiceName, ServiceProcess>();
  const specByName = new Map(specs.map((spec) => [spec.name as ServiceName, spec]));
  const stop = async (): Promise<void> => {
    for (const name of ['bff2', 'bff', 'backend', 'emulator'] as const) {
      await services.get(name)?.stop();
    }
  };

  try {
    for (const spec of specs)
      services.set(spec.name as ServiceName, await ServiceProcess.start(spec, options.log));
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    publicUrl,
    backendUrl,
    client,
    services,
    stop,
    async restart(name) {
      const spec = specByName.get(name);
      if (!spec) throw new Error(`no ${name} in this stack`);
      await services.get(name)?.stop();
      const service = await ServiceProcess.start(spec, options.log);
      services.set(name, service);
      return service;
    },
    ...(secondPublicUrl ? { secondPublicUrl } : {}),
    ...(emulatorUrl ? { emulatorUrl } : {}),
  };
}
