import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildContext } from './emulator.build.js';
import { positiveNumber, resolveSeed, urlHost } from './emulator.options.js';
import {
  EmulatorUsageError,
  type Emulator,
  type EmulatorOptions,
  type IssueSessionInput,
  type IssuedSession,
} from './emulator.types.js';
import { createApp } from './http/app.js';
import type { Fault } from './http/faults.js';
import { KeyStore } from './keys/key.store.js';
import type { SeedClient } from './seed/seed.types.js';
import { issueSession } from './sessions/issue-session.js';
import { openStateDb } from './sessions/state.db.js';
import { isLoopbackHost, testControlsRefusal } from './util/loopback.js';
import { WebhookSender } from './webhooks/webhook.sender.js';

/** Default maximum session length (30 days); production's is a dashboard setting. */
const DEFAULT_MAX_SESSION_LENGTH_SECONDS = 30 * 24 * 3600;

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts a WorkOS AuthKit emulator. A development and test tool, never for production.
 *
 * @example
 * const emulator = await createEmulator({ port: 0, redirectUris: [`http://127.0.0.1:${bffPort}/auth/callback`] });
 * const workos = new WorkOS(emulator.apiKey, {
 *   clientId: emulator.clientId, apiHostname: '127.0.0.1', https: false, port: emulator.port, maxRetries: 0,
 * });
 * // … drive the sign-in with completeSignIn(url, { email: ADA.email }) …
 * await emulator.close();
 */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.now ?? Date.now;
  const port = positiveNumber('port', options.port, 0, true);
  const host = options.host ?? '127.0.0.1';
  const accessTokenTtlSeconds = positiveNumber(
    'accessTokenTtlSeconds',
    options.accessTokenTtlSeconds,
    300,
  );
  const graceSeconds = positiveNumber('refreshGraceSeconds', options.refreshGraceSeconds, 30, true);
  const keyOverlapSeconds = positiveNumber(
    'keyOverlapSeconds',
    options.keyOverlapSeconds,
    3600,
    true,
  );
  if (options.publicUrl !== undefined && !URL.canParse(options.publicUrl)) {
    throw new EmulatorUsageError('publicUrl must be an absolute URL');
  }
  if (options.enableTestControls === true && !isLoopbackHost(host)) {
    throw new EmulatorUsageError(testControlsRefusal(host));
  }
  const seed = resolveSeed(options);
  const logError =
    options.logError ?? ((message: string) => console.error(`[workos-emulator] ${message}`));

  const maxSessionLengthSeconds = positiveNumber(
    'maxSessionLengthSeconds',
    options.maxSessionLengthSeconds,
    DEFAULT_MAX_SESSION_LENGTH_SECONDS,
  );
  for (const endpoint of options.webhooks ?? []) {
    if (
      !URL.canParse(endpoint.url) ||
      typeof endpoint.secret !== 'string' ||
      endpoint.secret === ''
    ) {
      throw new EmulatorUsageError('webhooks need an absolute url and a non-empty secret');
    }
  }

  const db = openStateDb(options.dataDir);
  const keys = new KeyStore(db, clock);
  try {
    await keys.ensureActiveKey();
  } catch (error) {
    db.close();
    throw error;
  }
  let baseUrl = '';
  const closing = new AbortController();
  const webhooks = new WebhookSender({
    endpoints: [...(seed.webhooks ?? []), ...(options.webhooks ?? [])],
    logError,
    signal: closing.signal,
  });
  const ctx = buildContext({
    clock,
    seed,
    db,
    keys,
    webhooks,
    closing: closing.signal,
    baseUrl: () => baseUrl,
    accessTokenTtlSeconds,
    maxSessionLengthSeconds,
    graceSeconds,
    keyOverlapSeconds,
    enableTestControls: options.enableTestControls === true,
    logError,
  });
  const { store, directory, sessions, endSession } = ctx;

  const firstClient = seed.clients[0] as SeedClient;
  const clientsFor = (clientId: string | undefined): SeedClient[] => {
    if (clientId === undefined) return seed.clients;
    const client = directory.client(clientId);
    if (client === undefined) throw new EmulatorUsageError(`unknown client ${clientId}`);
    return [client];
  };
  const checkedUri = (uri: string): string => {
    if (!URL.canParse(uri)) throw new EmulatorUsageError(`"${uri}" is not an absolute URL`);
    return uri;
  };

  const server = createServer(createApp(ctx, () => emulator));
  // Keep-alive sockets from SDK clients must not hold close() open.
  server.keepAliveTimeout = 1000;
  let actualPort: number;
  try {
    actualPort = await listen(server, port, host);
  } catch (error) {
    db.close();
    throw error;
  }
  baseUrl = (options.publicUrl ?? `http://${urlHost(host)}:${actualPort}`).replace(/\/+$/, '');

  let closed: Promise<void> | undefined;
  const emulator: Emulator = {
    url: baseUrl,
    port: actualPort,
    clientId: firstClient.id,
    apiKey: firstClient.apiKey,
    issuer: `${baseUrl}/user_management/${firstClient.id}`,
    jwksUrl: `${baseUrl}/sso/jwks/${firstClient.id}`,
    seed,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => {
          db.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closed;
    },
    reset() {
      store.clear();
      ctx.eventStore.clear();
      ctx.invitations.clear();
      ctx.auditLogs.clear();
      ctx.codes.clear();
      ctx.authorizeRequests.clear();
      ctx.refreshGrant.clear();
      ctx.idempotency.clear();
      ctx.faults.clear();
      ctx.stats.clear();
      webhooks.clearStats();
      directory.reset();
    },
    rotateKeys(rotateOptions = {}) {
      const overlap = positiveNumber(
        'overlapSeconds',
        rotateOptions.overlapSeconds,
        keyOverlapSeconds,
        true,
      );
      return keys.rotate(overlap);
    },
    revokeSession(sessionId: string) {
      return endSession(sessionId);
    },
    endSessionsOf(userId: string) {
      return store.liveSessionIdsOf(userId).filter((id) => endSession(id));
    },
    addWebhookEndpoint(endpoint) {
      if (!URL.canParse(endpoint.url) || endpoint.secret === '') {
        throw new EmulatorUsageError('webhooks need an absolute url and a non-empty secret');
      }
      webhooks.addEndpoint(endpoint);
    },
    flushWebhooks() {
      return webhooks.flush();
    },
    webhookStats() {
      return webhooks.stats();
    },
    auditLogEvents(organizationId?: string) {
      return ctx.auditLogs.list(organizationId).map((e) => ({
        id: e.id,
        organizationId: e.organizationId,
        event: e.event,
        createdAt: new Date(e.createdAt).toISOString(),
      }));
    },
    stats() {
      return ctx.stats.snapshot(store.countLiveSessions());
    },
    inject(fault: Fault) {
      ctx.faults.add(fault);
    },
    clearFaults() {
      ctx.faults.clear();
    },
    async issueSession(input: IssueSessionInput): Promise<IssuedSession> {
      const client = clientsFor(input.clientId ?? firstClient.id)[0] as SeedClient;
      return issueSession(directory, sessions, client, input);
    },
    allowRedirectUri(uri: string, clientId?: string) {
      checkedUri(uri);
      for (const c of clientsFor(clientId))
        if (!c.redirectUris.includes(uri)) c.redirectUris.push(uri);
    },
    allowLogoutReturnUri(uri: string, clientId?: string) {
      checkedUri(uri);
      for (const c of clientsFor(clientId))
        if (!c.logoutReturnUris.includes(uri)) c.logoutReturnUris.push(uri);
    },
  };
  return emulator;
}
