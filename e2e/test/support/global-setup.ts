import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { findFreePort, prefixedConsoleSink, type RunningStack, startStack } from '@gatehouse/stack';

import { createAuditDatabase } from './audit-database.js';
import { publishStackEnv } from './stack-env.js';

/** Long enough to outlive the BFF's 60 s refresh-ahead window, short enough to expire during a test. */
const ACCESS_TOKEN_TTL_SECONDS = 70;

/**
 * Starts the whole stack (emulator with its test controls, backend, BFF serving the built SPA) on
 * free ports, as child processes started exactly as `npm start` starts them, plus a small control
 * server through which a test can stop and restart the backend. The backend keeps its audit trail
 * in a database created for this run on the machine's PostgreSQL (PGlite would stall its start on
 * a loaded machine), dropped at the end. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const rootDir = join(import.meta.dirname, '..', '..', '..');
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
  const quiet = process.env.GATEHOUSE_E2E_LOGS !== '1';
  const consoleSink = prefixedConsoleSink(false);
  const auditDatabase = await createAuditDatabase();
  let stack: RunningStack;
  try {
    stack = await startStack({
      rootDir,
      dataDir,
      host: '127.0.0.1',
      ports: {
        emulator: await findFreePort(),
        backend: await findFreePort(),
        bff: await findFreePort(),
      },
      identityProvider: { kind: 'emulator' },
      cookiePassword: 'e2e-only-cookie-password-not-a-secret-0123456789',
      accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
      emulatorTestControls: true,
      sessionStore: 'sqlite',
      auditDatabaseUrl: auditDatabase.url,
      logLevel: quiet ? 'warn' : 'info',
      log: (service, line, stream) => {
        if (!quiet || stream === 'stderr') consoleSink(service, line, stream);
      },
    });
  } catch (error) {
    await auditDatabase.drop();
    throw error;
  }

  const control = createServer((request, response) => {
    const action = /^\/backend\/(stop|start)$/.exec(request.url ?? '')?.[1];
    if (request.method !== 'POST' || !action) {
      response.writeHead(404).end();
      return;
    }
    const run =
      action === 'stop' ? stack.services.get('backend')?.stop() : stack.restart('backend');
    Promise.resolve(run).then(
      () => response.writeHead(204).end(),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  const controlPort = await findFreePort();
  await new Promise<void>((resolve) => control.listen(controlPort, '127.0.0.1', resolve));

  publishStackEnv({
    publicUrl: stack.publicUrl,
    emulatorUrl: stack.emulatorUrl ?? '',
    backendUrl: stack.backendUrl,
    controlUrl: `http://127.0.0.1:${controlPort}`,
    accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
  });

  return async () => {
    await new Promise<void>((resolve) => control.close(() => resolve()));
    await stack.stop();
    await auditDatabase.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
