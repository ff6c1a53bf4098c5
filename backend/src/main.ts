import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import {
  BackendConfigError,
  loadBackendConfig,
  loadRuntimeOptions,
  type BackendConfig,
  type RuntimeOptions,
} from './config/backend-config.js';
import { startBackend, workosAdminFromEnv } from './bootstrap/start-backend.js';
import type { WorkosAdminConfig } from './workos/workos-admin.config.js';

/**
 * Boots the backend from environment variables: `WORKOS_CLIENT_ID` (required),
 * `WORKOS_API_BASE_URL`, `WORKOS_API_KEY` (optional: the admin routes answer 503 without it),
 * `WORKOS_ISSUER`, `PORT` (3001), `JWT_CLOCK_TOLERANCE_SECONDS` (5),
 * `HOST` (127.0.0.1; 0.0.0.0 in a container) and `LOG_LEVEL` (info).
 * A bad variable stops the process with one line naming it.
 */
async function main(): Promise<void> {
  let config: BackendConfig;
  let runtime: RuntimeOptions;
  let workosAdmin: WorkosAdminConfig;
  try {
    config = loadBackendConfig(process.env);
    runtime = loadRuntimeOptions(process.env);
    workosAdmin = workosAdminFromEnv(process.env);
  } catch (error) {
    if (error instanceof BackendConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const backend = await startBackend({
    config,
    workosAdmin,
    host: runtime.host,
    logLevel: runtime.logLevel,
  });
  backend.app.enableShutdownHooks();
  new Logger('Bootstrap').log(
    `Gatehouse backend listening on ${backend.url} (WORKOS_CLIENT_ID=${config.workosClientId})`,
  );
}

await main();
